"""Offline extraction of what a job advert asks for: skills (normalised; "Go or Python" is one
requirement with alternatives), degrees, years of experience, languages, soft skills
(mentoring, leadership…) and seniority; "nice to have" parts are marked preferred. Headings
and phrasings in English, German, French, Spanish, Italian and Dutch are read."""

from __future__ import annotations

import re
from typing import Any

from cvapp.domain.ai.jobposting import JobPosting
from cvapp.domain.ai.schemas import Importance, Requirement
from cvapp.domain.ai.vocabulary import SkillMention, canonical_skill, find_skills, normalise_key

_PREFERRED = re.compile(
    r"\b(?:nice[- ]to[- ]have|nice\s*:|preferred|preferably|a plus|is a plus|bonus|desirable|"
    r"ideally|advantage|advantageous|good to have|optional|wünschenswert|von vorteil|"
    r"vorteilhaft|ein plus|un plus|apprécié|souhaité|idéalement|se valorará|valorable|deseable|"
    r"pré|pluspunt|titolo preferenziale|gradit[oa])(?!\w)",
    re.I,
)
_REQUIRED_HEADING = re.compile(
    r"\b(?:requirements?|required|must[- ]have|must|essential|qualifications|"
    r"what you (?:bring|have|need)|you have|skills|profile|about you|ihr profil|dein profil|"
    r"das bringst du mit|wir erwarten|anforderungen|profil recherché|votre profil|requisitos|"
    r"requisiti|wat je meebrengt|wat wij vragen)\b",
    re.I,
)
_OFFER_HEADING = re.compile(
    r"\b(?:what we offer|we offer|our offer|benefits|perks|why join us|wir bieten|was wir "
    r"bieten|unser angebot|nous offrons|ce que nous offrons|avantages|ofrecemos|qué ofrecemos|"
    r"beneficios|offriamo|cosa offriamo|wat wij bieden|wij bieden)\b",
    re.I,
)
"""A section about what the employer gives: nothing in it is asked of the candidate."""
_INLINE_HEADING = re.compile(r"^(?P<head>[^:.]{2,40}?)\s*:\s+(?P<rest>\S.*)$")
_OR = r"(?:or|oder|ou|o|of|oppure)"
_ALTERNATIVE_GAP = re.compile(rf"^\s*(?:,\s*|/\s*)?(?:\s*\b{_OR}\b\s*)?$", re.I)
_HAS_OR = re.compile(rf"\b{_OR}\b|/", re.I)
_OR_WORD = r"(?i:or|oder|ou|o|oppure)"  # not Dutch "of": "leadership of engineering teams"
_TOOL_AFTER_OR = re.compile(rf"^\s*\b{_OR_WORD}\s+(?P<tool>[A-Z][\w.+#-]*(?: [A-Z][\w.+#-]*)?)")
_TOOL_BEFORE_OR = re.compile(rf"(?P<tool>\b[A-Z][\w.+#-]*)\s+{_OR_WORD}\s*$")
_FOREIGN_YEARS = [
    # German: "Mindestens 4 Jahre Berufserfahrung", "5+ Jahre Erfahrung im …"
    re.compile(r"(?P<years>\d+)\s*\+?\s*Jahre?n?\s+(?:\w+\s+)?(?:Berufs)?[Ee]rfahrung", re.I),
    # French: "3 ans d'expérience (avec|en) Python"
    re.compile(
        r"(?P<years>\d+)\s*\+?\s*ans?\s+d['’]\s*exp[ée]rience"
        r"(?:\s+(?:avec|sur)\s+(?P<field>[^.;,()]+))?",
        re.I,
    ),
    # Spanish: "5 años de experiencia (con Python)", "experiencia mínima de 2 años"
    re.compile(
        r"(?P<years>\d+)\s*\+?\s*años\s+de\s+experiencia(?:\s+con\s+(?P<field>[^.;,()]+))?",
        re.I,
    ),
    re.compile(r"experiencia\s+(?:mínima\s+)?de\s+(?P<years>\d+)\s+años", re.I),
    # Italian: "almeno 5 anni di esperienza (con Python)"
    re.compile(
        r"(?P<years>\d+)\s*\+?\s*anni\s+di\s+esperienza(?:\s+con\s+(?P<field>[^.;,()]+))?",
        re.I,
    ),
    # Dutch: "minimaal 3 jaar ervaring met Python"
    re.compile(
        r"(?P<years>\d+)\s*\+?\s*jaar\s+(?:\w+\s+)?ervaring(?:\s+(?:met|in)\s+(?P<field>[^.;,()]+))?",
        re.I,
    ),
]
_FOREIGN_LANGUAGES = {
    "deutsch": "German", "englisch": "English", "französisch": "French", "spanisch": "Spanish",
    "italienisch": "Italian", "anglais": "English", "allemand": "German", "français": "French",
    "espagnol": "Spanish", "italien": "Italian", "inglés": "English", "alemán": "German",
    "francés": "French", "español": "Spanish", "italiano": "Italian", "inglese": "English",
    "tedesco": "German", "francese": "French", "spagnolo": "Spanish", "engels": "English",
    "duits": "German", "frans": "French", "spaans": "Spanish",
}  # fmt: skip
_FOREIGN_LANGUAGE = re.compile(
    rf"(?<!\w)(?P<name>{'|'.join(_FOREIGN_LANGUAGES)})(?=kenntnisse|-|[^\w]|$)", re.I
)
_SOFT = [
    ("Mentoring", r"\bmentor(?:ing|s|ed)?\b|\bmentorat\b|\bmentoría\b"),
    ("Leadership", r"\bleadership\b|\b(?:lead|led|leading)\s+(?:a\s+|the\s+)?(?:\w+\s+){0,2}"
     r"teams?\b|\bteam\s*lead(?:ership)?\b|\b\w{0,25}führung\w*|\bliderazgo\b|"
     r"\bencadrer\b|\bmanagement d['’]équipe\b|\bleiding geven\b|"
     r"\b(?:gestionando|gestión de|dirigir|liderar|dirigiendo)\s+equipos?\b|"
     r"\b(?:managing|leading)\s+(?:a\s+|the\s+)?(?:\w+\s+){0,2}teams?\b|"
     r"\bpersonalverantwortung\b|\bteamleitung\b"),
    ("Communication", r"\bcommunication\b|\bkommunikations\w*|\bcomunicación\b"),
    ("Attention to Detail", r"\battention to detail\b|\bdetail[- ]oriented\b"),
    ("Teamwork", r"\bteam ?player\b|\bteamwork\b|\bteamfähig\w*"),
    ("Problem Solving", r"\bproblem[- ]solving\b"),
]  # fmt: skip
SOFT_SKILLS = frozenset(name for name, _ in _SOFT) | {"Coaching", "People Management"}
_SENIORITY = re.compile(
    r"\b(?P<level>senior|sr\.?|junior|jr\.?|lead|principal|head of|"
    # "Staff Engineer" is a level; "Staff Accountant", "Staff Nurse" are not.
    r"staff(?=\s+(?:software\s+|data\s+|machine\s+|site\s+|product\s+|platform\s+)?"
    r"(?:engineer|developer|scientist|designer|architect)))(?!\w)",
    re.I,
)
_VAGUE_FIELD = re.compile(
    r"^(?:a|an|the|any)\b.*\b(?:environment|setting|company|companies|organi[sz]ations?|"
    r"team|role|position|industry|startup|agency)s?$",
    re.I,
)
_DEGREE_FIELD_BEFORE = re.compile(
    r"\b(?:degree|bachelor|master|diploma|studies)\w*\s+(?:\w+\s+)?(?:in|of)\s+$", re.I
)
_TOOL_PAIR = re.compile(
    r"(?<![.!?:]\s)(?<!^)\b(?P<a>[A-Z][\w.+#-]+)\s+or\s+(?P<b>[A-Z][\w.+#-]+)\b"
)
_SENIORITY_NAMES = {"sr": "Senior", "sr.": "Senior", "jr": "Junior", "jr.": "Junior",
                    "head of": "Head"}  # fmt: skip
_DEGREE = re.compile(
    r"\b(?P<level>bachelor(?:'s|’s|s)?|b\.?\s?sc\.?|b\.?\s?eng\.?|master(?:'s|’s|s)?|"
    r"m\.?\s?sc\.?|m\.?\s?eng\.?|mba|ph\.?\s?d\.?|doctorate|(?:university |college )?degree)"
    r"(?:\s+degree)?(?:\s+(?:in|of)\s+(?P<field>[A-Za-z][A-Za-z &/-]*?))?"
    r"(?=\s+or\b|\s+and\b|\s*[,.;()]|\s*$)"
    r"|\b(?P<foreign>grado|licenciatura|laurea|diplôme|abgeschlossenes studium)\b",
    re.I,
)
_YEARS = re.compile(
    r"(?P<years>\d+(?:\.\d+)?)\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs?)\b(?:\s+of)?"
    r"(?P<what>[^.;,]{0,60}?)\bexperience\b"
    r"(?:\s+(?:in|with|as|of|building|developing|working (?:in|with|on))\s+(?P<field>[^.;,()]+))?",
    re.I,
)
# "5+ years with Python and SQL": the years are Python's (SQL is asked for on its own).
_YEARS_WITH = re.compile(
    r"(?P<years>\d+(?:\.\d+)?)\s*\+?\s*(?:years?|yrs?)\s+(?:with|in|of|using)\s+"
    r"(?!experience\b)(?P<field>[^.;,()]+?)(?=\s*(?:,|\.|;|$|\band\b))",
    re.I,
)
LANGUAGES = (
    "English German French Spanish Italian Portuguese Dutch Swedish Norwegian Danish Finnish "
    "Polish Czech Russian Ukrainian Turkish Arabic Hebrew Hindi Mandarin Chinese Cantonese "
    "Japanese Korean Greek Hungarian Romanian"
).split()
_LANGUAGE = re.compile(
    rf"\b(?:fluen\w+|native|proficien\w+|business[- ]level|working knowledge|spoken|written|"
    rf"C1|C2|B2)\b[^.;]{{0,40}}?\b(?P<a>{'|'.join(LANGUAGES)})\b"
    rf"|\b(?P<b>{'|'.join(LANGUAGES)})\s*(?:\((?:C1|C2|B2|native|fluent)\)|language|speaker|"
    rf"skills|fluency|is required|required|is a plus|a plus|preferred|is an advantage)",
    re.I,
)
_LANGUAGE_NAMES = rf"\b(?:{'|'.join(LANGUAGES)})\b"
_LANGUAGE_OR = re.compile(
    r"\s*(?:/|\b(?:or|oder|ou|o|oppure)\b)\s*(?P<lang>"
    + "|".join([*LANGUAGES, *_FOREIGN_LANGUAGES])
    + r")(?!\w)",
    re.I,
)
_LANGUAGE_GAP = re.compile(r"-?\s*(?:/|\b(?:or|oder|ou|o|of|oppure)\b)\s*", re.I)
_LANGUAGE_LIST = re.compile(
    rf"^(?:{_LANGUAGE_NAMES})(?:\s*(?:,|and|or|&)\s*(?:{_LANGUAGE_NAMES}))*\.?$", re.I
)
_CUE_LIST = re.compile(
    r"\b(?:experience (?:with|in|using)|knowledge of|familiar(?:ity)? with|proficien(?:t|cy) "
    r"(?:in|with)|expertise in|skilled in|hands-on (?:experience )?with|understanding of|"
    r"such as|e\.g\.|including)\s+(?P<list>[^.;:()]+)",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|/|\band\b|\bor\b|&)\s*", re.I)
_DEGREE_LEVELS = {"bachelor": 1, "master": 2, "phd": 3, "degree": 1}


class _Collector:
    def __init__(self) -> None:
        self.found: dict[str, Requirement] = {}

    def add(self, key: str, requirement: Requirement) -> None:
        known = self.found.get(key)
        if known is None:
            self.found[key] = requirement
        elif known.importance == "preferred" and requirement.importance == "required":
            self.found[key] = known.model_copy(update={"importance": "required"})

    def skill(self, name: str, *, importance: Importance, source: str) -> None:
        canonical = canonical_skill(name) or name.strip(" -*•")
        if canonical:
            kind: Any = "soft" if canonical in SOFT_SKILLS else "skill"
            self.add(
                f"skill:{normalise_key(canonical)}",
                Requirement(name=canonical, kind=kind, importance=importance, source=source),
            )

    def sentence(self, text: str, *, importance: Importance) -> None:
        inline = _INLINE_HEADING.match(text.strip())
        if inline and len(inline["head"].split()) <= 4:
            head = inline["head"]
            if _PREFERRED.search(head):
                importance, text = "preferred", inline["rest"]
            elif _REQUIRED_HEADING.search(head):
                importance, text = "required", inline["rest"]
        if _PREFERRED.search(text):
            importance = "preferred"
        source = text.strip()[:200]
        for match in _DEGREE.finditer(text):
            level = degree_level(match["level"] or match["foreign"])
            field = (match["field"] or "").strip() or None
            name = f"{_DEGREE_NAMES[level]} in {field}" if field else _DEGREE_NAMES[level]
            self.add(
                "degree",
                Requirement(name=name, kind="qualification", importance=importance,
                            source=source, degree=level, field=field),
            )  # fmt: skip
        taken: list[tuple[int, int]] = []
        for match in _YEARS.finditer(text):
            group = "field" if match["field"] else "what"
            taken.append(match.span(group) if match[group] else (0, 0))
            self.years(match, match[group], importance=importance, source=source)
        if not _YEARS.search(text):
            for match in _YEARS_WITH.finditer(text):
                taken.append(match.span("field"))
                self.years(match, match["field"], importance=importance, source=source)
        for pattern in _FOREIGN_YEARS:
            for match in pattern.finditer(text):
                field = match.groupdict().get("field")
                taken.append(match.span("field") if field else (0, 0))
                self.years(match, field, importance=importance, source=source)
        self.languages(text, importance=importance, source=source)
        seniority = re.search(r"\b(senior|junior|lead|staff|principal)[- ]level\b", text, re.I)
        if seniority:
            self.seniority(seniority[1], source=source)
        for soft, soft_pattern in _SOFT:
            if re.search(soft_pattern, text, re.I):
                self.add(
                    f"skill:{normalise_key(soft)}",
                    Requirement(name=soft, kind="soft", importance=importance, source=source),
                )
        mentions = [
            m
            for m in find_skills(text)
            if not any(start <= m.start < end for start, end in taken)
            and m.canonical not in ("English", "German", "French", "Spanish")
        ]
        for found in _alternative_groups(text, mentions):
            choice = list(dict.fromkeys(found))
            if len(choice) == 1:
                self.skill(choice[0], importance=importance, source=source)
                continue
            key = "skill:" + "|".join(sorted(normalise_key(n) for n in choice))
            self.add(
                key,
                Requirement(name=" or ".join(choice), importance=importance, source=source,
                            alternatives=choice),
            )  # fmt: skip
        for pair in _TOOL_PAIR.finditer(text):
            # "Framer or ProtoPie": two tools the vocabulary does not know, either will do.
            tools = [pair["a"], pair["b"]]
            start = pair.start()
            degree_field = _DEGREE_FIELD_BEFORE.search(text[max(0, start - 60) : start])
            if not degree_field and all(_unknown_tool(tool) for tool in tools):
                self.add(
                    "skill:" + "|".join(sorted(normalise_key(t) for t in tools)),
                    Requirement(name=" or ".join(tools), importance=importance, source=source,
                                alternatives=tools),
                )  # fmt: skip
        for match in _CUE_LIST.finditer(text):
            for candidate in _SPLIT.split(match["list"]):
                if find_skills(candidate):
                    continue  # a known skill: found above ("Kafka in production" is Kafka)
                if _looks_like_tool_name(candidate):
                    self.skill(candidate, importance=importance, source=source)

    def years(
        self, match: re.Match[str], field: str | None, *, importance: Importance, source: str
    ) -> None:
        field = (field or "").strip(" -,") or None
        if field and _VAGUE_FIELD.match(field):
            field = None  # "in a fast-paced environment": any experience
        alternatives = [m.canonical for m in find_skills(field)] if field else []
        if field and len(alternatives) == 1 and canonical_skill(field):
            alternatives = []  # one known skill: the advert's own words name it
        elif len(alternatives) > 1 and _HAS_OR.search(field or ""):
            field = " or ".join(alternatives)
        else:
            alternatives = []
        years = float(match["years"])
        name = f"{years:g}+ years of {field}" if field else f"{years:g}+ years of experience"
        self.add(
            f"years:{normalise_key(field or '')}",
            Requirement(name=name, kind="experience", importance=importance, source=source,
                        years=years, field=field, alternatives=alternatives),
        )  # fmt: skip

    def languages(self, text: str, *, importance: Importance, source: str) -> None:
        spans: list[tuple[int, int, str]] = []
        for match in _LANGUAGE.finditer(text):
            group = "a" if match["a"] else "b"
            spans.append((*match.span(group), match[group].capitalize()))
        for m in _FOREIGN_LANGUAGE.finditer(text):
            spans.append((*m.span("name"), _FOREIGN_LANGUAGES[m["name"].casefold()]))
        if _LANGUAGE_LIST.match(text.strip()):
            spans += [
                (*m.span(), m[0].capitalize()) for m in re.finditer(_LANGUAGE_NAMES, text, re.I)
            ]
        # "German or English", "Francés o inglés": either will do.
        for _start, end, _name in list(spans):
            after = _LANGUAGE_OR.match(text, end)
            if after and not any(s == after.start("lang") for s, _e, _n in spans):
                name = after["lang"]
                spans.append(
                    (
                        *after.span("lang"),
                        _FOREIGN_LANGUAGES.get(name.casefold(), name.capitalize()),
                    )
                )
        spans.sort()
        groups: list[list[str]] = []
        previous_end = -1
        for start, end, name in spans:
            if groups and _LANGUAGE_GAP.fullmatch(text[previous_end:start]):
                groups[-1].append(name)
            else:
                groups.append([name])
            previous_end = end
        for together in groups:
            languages = list(dict.fromkeys(together))
            key = "language:" + "|".join(sorted(languages))
            self.add(
                key,
                Requirement(name=" or ".join(languages), kind="language", importance=importance,
                            source=source,
                            alternatives=languages if len(languages) > 1 else []),
            )  # fmt: skip

    def seniority(self, word: str, *, source: str) -> None:
        level = _SENIORITY_NAMES.get(word.casefold(), word.capitalize())
        self.add(
            "seniority",
            Requirement(name=level, kind="seniority", importance="required", source=source),
        )


def _alternative_groups(text: str, mentions: list[SkillMention]) -> list[list[str]]:
    """Skill names grouped: "Go or Python", "Prometheus, Grafana or Datadog" are one group
    (any one satisfies it), "Kafka and Spark" two; a tool the vocabulary does not know joins
    a group through "or" ("Mailchimp or HubSpot")."""
    groups: list[list[str]] = []
    chain: list[SkillMention] = []
    gaps: list[str] = []

    def close() -> None:
        if not chain:
            return
        names = [m.canonical for m in chain]
        if any(_HAS_OR.search(gap) for gap in gaps):
            # "Python and SQL, Kafka or Spark": SQL ends the "and" list, not the choice.
            before = text[max(0, chain[0].start - 12) : chain[0].start]
            if len(names) > 2 and re.search(r"\band\s*$", before, re.I):
                groups.append(names[:1])
                names = names[1:]
            groups.append(names)
        else:
            groups.extend([name] for name in names)

    for mention in mentions:
        gap = text[chain[-1].end : mention.start] if chain else ""
        if chain and _ALTERNATIVE_GAP.match(gap):
            chain.append(mention)
            gaps.append(gap)
            continue
        close()
        chain, gaps = [mention], []
    close()
    # Unknown tools on the other side of "or".
    for group, first_last in zip(groups, _group_spans(mentions, groups), strict=True):
        start, end = first_last
        # Only the words next to the group (a slice keeps long adverts linear).
        before = _TOOL_BEFORE_OR.search(text[max(0, start - 60) : start])
        after = _TOOL_AFTER_OR.match(text[end : end + 60])
        for tool in (before, after):
            if tool and _unknown_tool(tool["tool"]):
                group.insert(0 if tool is before else len(group), tool["tool"])
    return groups


def _group_spans(mentions: list[SkillMention], groups: list[list[str]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    index = 0
    for group in groups:
        first = mentions[index]
        last = mentions[index + len(group) - 1]
        spans.append((first.start, last.end))
        index += len(group)
    return spans


def _unknown_tool(word: str) -> bool:
    folded = word.casefold()
    return (
        not find_skills(word)
        and folded not in _GENERIC_WORDS
        and folded not in _FOREIGN_LANGUAGES
        and folded.capitalize() not in LANGUAGES
    )


_GENERIC_WORDS = set(
    """strong experience knowledge good solid deep proven excellent similar equivalent other
    related tools frameworks the a an any one either""".split()
)


_DEGREE_NAMES = {
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "phd": "PhD",
    "degree": "Degree",
}


def degree_level(text: str) -> str:
    """``bachelor`` / ``master`` / ``phd`` / ``degree`` (unspecified) for a degree's name."""
    key = re.sub(r"[^a-z]", "", text.casefold())
    if key.startswith(("phd", "doctor")):
        return "phd"
    if key.startswith(("master", "msc", "meng", "mba", "ma")):
        return "master"
    if key.startswith(("bachelor", "bsc", "beng", "ba", "bs", "grado", "licenciatura")):
        return "bachelor"
    return "degree"


def degree_rank(level: str) -> int:
    return _DEGREE_LEVELS.get(level, 1)


def _looks_like_tool_name(candidate: str) -> bool:
    words = candidate.split()
    if not 0 < len(words) <= 3 or canonical_skill(candidate):
        return bool(words) and canonical_skill(candidate) is not None
    return any(c.isupper() or c.isdigit() for c in candidate) and not candidate[:1].islower()


def _mostly_heading(line: str) -> bool:
    """ "Nice to have", "Das bringst du mit"; not "You have mentored junior developers"."""
    found = [m for p in (_PREFERRED, _REQUIRED_HEADING) for m in p.finditer(line)]
    return sum(m.end() - m.start() for m in found) * 2 >= len(line)


def _looks_like_title(line: str) -> bool:
    return (
        len(line.split()) <= 8
        and line[-1:] not in ".:!?"
        and not _REQUIRED_HEADING.search(line)
        and not _PREFERRED.search(line)
    )


def _lines(text: str) -> list[str]:
    return [line.strip(" \t-*•·") for line in text.splitlines() if line.strip(" \t-*•·")]


def extract_requirements(job: JobPosting) -> list[Requirement]:
    """What the advert asks for, required first, each once (synonyms merged)."""
    found = _Collector()
    for line in job.qualifications:
        found.sentence(line, importance="required")
    for group in job.skills:
        label = f"skills: {group.name}" if group.name else "skills"
        for keyword in group.keywords:
            found.skill(keyword, importance="required", source=label)
        if group.name and (canonical_skill(group.name) or not group.keywords):
            found.skill(group.name, importance="required", source="skills")
    free_text = "\n".join(filter(None, [job.description, *job.responsibilities]))
    lines = _lines(free_text)
    title = job.title
    if title is None and len(lines) > 1 and _looks_like_title(lines[0]):
        title, lines = lines[0], lines[1:]  # the advert's title: its seniority, not skills
    for match in _SENIORITY.finditer(title or ""):
        found.seniority(match["level"], source=title or "")
        break
    importance: Importance = "required"
    offered = False
    for line in lines:
        if len(line.split()) <= 5 and line.rstrip(":").strip() and _OFFER_HEADING.search(line):
            offered = True  # "What we offer:": benefits until the next heading
            continue
        is_heading = line.endswith(":") or (
            len(line.split()) <= 4
            and line[-1:] not in ".!?"
            and ":" not in line
            and not find_skills(line)
            and _mostly_heading(line)
        )
        if is_heading and _PREFERRED.search(line):
            importance, offered = "preferred", False
            continue
        if is_heading and _REQUIRED_HEADING.search(line):
            importance, offered = "required", False
            continue
        if offered and is_heading:
            offered = False  # another section ("Your tasks:")
        if offered:
            continue
        for sentence in re.split(r"(?<=[.!?;])\s+", line):
            found.sentence(sentence, importance=importance)
    ordered = list(found.found.values())
    return sorted(ordered, key=lambda r: r.importance != "required")
