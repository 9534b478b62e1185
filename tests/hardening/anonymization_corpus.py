"""The anonymization corpus: hidden clients and the spellings people really write them in.

``PROJECTS`` are project create payloads (``POST /api/v1/projects``) that hide a client;
``VARIANTS`` are texts that mention one of them, each with the name it hides; ``NEAR_MISSES``
are texts that look alike but name nobody hidden, and must come out unchanged. Other tests
run the corpus against every output: exports, public pages, share links, search, the
anonymous API and AI prompts.
"""

from __future__ import annotations

from typing import Any

PROJECTS: list[dict[str, Any]] = [
    {
        "name": "Core banking migration",
        "client_name": "Acme Bank",
        "client_alias": "a Tier-1 European bank",
        "anonymize": True,
        "sensitive_terms": ["Project Falcon"],
        "start_date": "2019-01",
        "end_date": "2020-06",
        "description": "Moved the ledger to the cloud.",
    },
    {
        "name": "Trading desk tooling",
        "client_name": "Globex Secret Corp",
        "client_alias": "a hedge fund",
        "anonymize": True,
        "sensitive_terms": [],
        "start_date": "2020-07",
        "end_date": "2021-03",
    },
    {
        "name": "Retail analytics",
        "client_name": "Société Générale",
        "client_alias": "a French bank",
        "anonymize": True,
        "sensitive_terms": ["Opération Zèbre"],
        "start_date": "2017-02",
        "end_date": "2018-12",
    },
    {
        "name": "Payments gateway",
        "client_name": "Сбербанк",  # Sberbank, in Cyrillic
        "client_alias": "a Russian bank",
        "anonymize": True,
        "sensitive_terms": [],
        "start_date": "2016-01",
        "end_date": "2016-12",
    },
]

VARIANTS: list[tuple[str, str]] = [
    # the issue's own list
    ("Rebuilt the AcmeBank ledger", "Acme Bank"),
    ("Consultant for Acme/Bank since 2019", "Acme Bank"),
    ("Lead engineer at Acme·Bank", "Acme Bank"),
    ("Both Acme Banks merged their cores", "Acme Bank"),
    ("Portfolio at acmebank.com/alice", "Acme Bank"),
    ("Shipped #AcmeBank's new app", "Acme Bank"),
    ("Built dashboards for Globex<br>Secret Corp traders", "Globex Secret Corp"),
    ("https://github.com/acmebank-alice", "Acme Bank"),
    # separators, spacing, markup and case
    ("ACME BANK core platform", "Acme Bank"),
    ("acme-bank migration", "Acme Bank"),
    ("Acme_Bank data lake", "Acme Bank"),
    ("Acme  •  Bank integration", "Acme Bank"),
    ("Acme&nbsp;Bank onboarding", "Acme Bank"),
    ("**Acme** Bank payments", "Acme Bank"),
    ("Acme\nBank (two lines)", "Acme Bank"),
    ("Acme | Bank reporting", "Acme Bank"),
    ("Acme+Bank API", "Acme Bank"),
    ("Acme Bank's risk team", "Acme Bank"),
    ("the Acme Banks' auditors", "Acme Bank"),
    ("Globex-Secret-Corp quant models", "Globex Secret Corp"),
    ("GlobexSecretCorp trading desk", "Globex Secret Corp"),
    ("globex secret corp.", "Globex Secret Corp"),
    # links, addresses, handles, tags
    ("mail alice@acmebank.com for details", "Acme Bank"),
    ("see www.acme-bank.co.uk/careers", "Acme Bank"),
    ("https://acmebank.atlassian.net/wiki", "Acme Bank"),
    ("@AcmeBankCareers on X", "Acme Bank"),
    ("#AcmeBankJobs hiring", "Acme Bank"),
    ("handle alice_acmebank on GitHub", "Acme Bank"),
    ("https://globexsecretcorp.example/team", "Globex Secret Corp"),
    ("intranet/projects/project-falcon/docs", "Project Falcon"),
    ("ProjectFalcon rollout", "Project Falcon"),
    ("Project Falcon's second phase", "Project Falcon"),
    # accents, other scripts
    ("Worked at SOCIETE GENERALE", "Société Générale"),
    ("societe-generale.fr internship", "Société Générale"),
    ("SociétéGénérale risk desk", "Société Générale"),
    ("Led Operation Zebre", "Opération Zèbre"),
    ("Integrated Сбербанк payments", "Сбербанк"),
    ("#Сбербанк partnership", "Сбербанк"),
]

NEAR_MISSES: list[str] = [
    "Moved to Acmeville in 2019",
    "Banked on Acme-free tooling",  # neither name in full
    "Bankside office, London",
    "Globe exchange rates",
    "Secret sauce of the corp",
    "A falcon nested on the roof",
    "Société de transport de Montréal",
]
