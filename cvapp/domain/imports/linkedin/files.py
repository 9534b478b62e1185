"""The LinkedIn export files we read, by exact name, and the columns each must have.

Only these files are ever opened. Files about other people (``Connections.csv``, messages,
endorsements and their endorsers, recommendations, invitations…) are never read.
"""

from __future__ import annotations

from cvapp.domain.imports.csvtable import Columns

FILES: dict[str, Columns] = {
    "Profile.csv": Columns(
        required=(("First Name",), ("Last Name",)),
        optional=("Maiden Name", "Address", "Headline", "Summary", "Industry", "Zip Code",
                  "Geo Location", "Twitter Handles", "Websites"),
    ),
    "Profile Summary.csv": Columns(required=(("Profile Summary", "Summary"),)),
    "Email Addresses.csv": Columns(
        required=(("Email Address",),), optional=("Confirmed", "Primary", "Updated On")
    ),
    "PhoneNumbers.csv": Columns(required=(("Number",),), optional=("Extension", "Type")),
    "Positions.csv": Columns(
        required=(("Company Name",), ("Title",), ("Started On",)),
        optional=("Description", "Location", "Finished On"),
    ),
    "Education.csv": Columns(
        required=(("School Name",),),
        optional=("Start Date", "End Date", "Notes", "Degree Name", "Field Of Study",
                  "Activities"),
    ),
    "Skills.csv": Columns(required=(("Name",),)),
    "Languages.csv": Columns(required=(("Name",),), optional=("Proficiency",)),
    "Certifications.csv": Columns(
        required=(("Name",),),
        optional=("Url", "Authority", "Started On", "Finished On", "License Number"),
    ),
    "Projects.csv": Columns(
        required=(("Title",),),
        optional=("Description", "Url", "Started On", "Finished On", "Start Date", "End Date"),
    ),
    "Publications.csv": Columns(
        required=(("Name",),), optional=("Published On", "Description", "Publisher", "Url")
    ),
    "Honors.csv": Columns(
        required=(("Title",),), optional=("Description", "Issued On", "Issue Date", "Issuer")
    ),
    "Volunteering.csv": Columns(
        required=(("Company Name",),),
        optional=("Role", "Cause", "Started On", "Finished On", "Description"),
    ),
    "Courses.csv": Columns(required=(("Name",),), optional=("Number",)),
}  # fmt: skip
"""Every CV-relevant file of an export; a file exists only when its section was filled."""

ALIASES = {"Phone Numbers.csv": "PhoneNumbers.csv"}
"""Names older exports (2018) gave a file, and the name it has now."""

OTHER_FILES = frozenset(
    {
        "Ad_Targeting.csv", "Ads Clicked.csv", "Articles.csv", "Causes You Care About.csv",
        "Comments.csv", "Company Follows.csv", "Connections.csv", "Contacts.csv",
        "Endorsement_Given_Info.csv", "Endorsement_Received_Info.csv", "Events.csv",
        "Guide_Messages.csv", "Hashtag_Follows.csv", "ImportedContacts.csv",
        "Inferences_about_you.csv", "Invitations.csv", "Job Applicant Saved Answers.csv",
        "Job Applicant Saved Screening Question Responses.csv", "Job Applications.csv",
        "Job Seeker Preferences.csv", "LAN Ads Engagement.csv", "Learning.csv", "Logins.csv",
        "Member_Follows.csv", "messages.csv", "Organizations.csv", "Patents.csv",
        "Private_identity_asset.csv", "Reactions.csv", "Receipts.csv", "Receipts_v2.csv",
        "Recommendations_Given.csv", "Recommendations_Received.csv", "Registration.csv",
        "Rich_Media.csv", "Rich Media.csv", "Saved Jobs.csv", "SavedJobAlerts.csv",
        "SearchQueries.csv", "Security Challenges.csv", "Services Marketplace.csv",
        "Shares.csv", "Test Scores.csv", "Verifications.csv", "Votes.csv",
        "Whatsapp Phone Numbers.csv",
    }
)  # fmt: skip
"""Files LinkedIn puts in an export that hold no CV data (or other people's): never opened,
not worth a warning."""


def close_name(name: str) -> str | None:
    """The CV file ``name`` was probably meant to be (``positions.csv``), if any."""
    folded = name.casefold().replace("_", " ")
    stem = folded.rsplit(".", 1)[0].split(" (")[0].strip()
    for known in FILES:
        known_stem = known.casefold().rsplit(".", 1)[0]
        if stem == known_stem or stem.rstrip("s") == known_stem.rstrip("s"):
            return known
    return None
