"""Every table of cvapp; importing this package completes ``SQLModel.metadata``."""

from cvapp.models.applications import Application, ApplicationBoard, ApplicationEvent
from cvapp.models.auth import ApiKey, EmailToken, RefreshToken, RevokedAccessToken
from cvapp.models.billing import BillingAccount, BillingEvent
from cvapp.models.career import (
    Experience,
    ExperienceSkill,
    Project,
    ProjectExperience,
    ProjectSkill,
    Skill,
)
from cvapp.models.cvs import CvVersion, ShareLink
from cvapp.models.files import StoredFile
from cvapp.models.history import Revision
from cvapp.models.jobs import ImportBatch, Job
from cvapp.models.letters import CoverLetter
from cvapp.models.profile import Profile
from cvapp.models.records import AuditEvent, ConsentRecord, OutboxEmail
from cvapp.models.sections import (
    Achievement,
    Certification,
    Education,
    Language,
    Publication,
    Volunteering,
)
from cvapp.models.usage import AiUsage
from cvapp.models.users import User

__all__ = [
    "Achievement",
    "AiUsage",
    "ApiKey",
    "Application",
    "ApplicationBoard",
    "ApplicationEvent",
    "AuditEvent",
    "BillingAccount",
    "BillingEvent",
    "Certification",
    "ConsentRecord",
    "CoverLetter",
    "CvVersion",
    "Education",
    "EmailToken",
    "Experience",
    "ExperienceSkill",
    "ImportBatch",
    "Job",
    "Language",
    "OutboxEmail",
    "Profile",
    "Project",
    "ProjectExperience",
    "ProjectSkill",
    "Publication",
    "RefreshToken",
    "Revision",
    "RevokedAccessToken",
    "ShareLink",
    "Skill",
    "StoredFile",
    "User",
    "Volunteering",
]
