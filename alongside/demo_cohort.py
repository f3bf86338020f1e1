"""The demo's second program: the Autumn mentoring circle, 40 people imported from a CSV
(28 mentees, 12 mentors), matched by a published run, so that the program console has
participants, a run with explanations and proposed pairs to show.

Made through the same services as the pages: the import, a matching run, publishing.
Idempotent: a second call finds the program and its published run and adds nothing.
"""

import random

from django.contrib.auth.hashers import make_password

from alongside.matching.models import MatchingRun, RunStatus
from alongside.matching.services import matching_run, run_publish
from alongside.people.models import Person
from alongside.programs.importer import participants_import
from alongside.programs.models import EnrollmentMode, MatchingMode, Program

SLUG = "autumn-circle"
MENTEES, MENTORS = 28, 12
FIRST = [
    "Aiko", "Bruno", "Chloé", "Dev", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Kemi", "Luca", "Maya", "Nikolai", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tariq",
    "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zara", "Amara", "Bilal", "Carmen", "Diego",
    "Esme", "Felix", "Gita", "Hana", "Ivan", "Jade", "Kofi", "Lena", "Mateo", "Noor",
]  # fmt: skip
LAST = ["Silva", "Novak", "Okafor", "Jensen", "Moreau", "Tanaka", "Rossi", "Haddad", "Kaur"]
SKILLS = [
    "python", "sql", "public speaking", "hiring", "product discovery", "budgets",
    "user research", "negotiation", "leadership", "writing",
]  # fmt: skip
GOALS = [
    "Lead my first team without losing touch with the work",
    "Present research findings to executives with confidence",
    "Move from analyst to data engineer within a year",
    "Negotiate a fair budget for my project",
    "Hire two people well this quarter",
    "Write clearer design documents",
]
ZONES = ["Europe/London", "Europe/Paris", "Europe/Madrid", "America/New_York", "Asia/Kolkata"]
LANGUAGES = ["English", "English;Spanish", "English;French", "French", "Spanish"]
DEPARTMENTS = ["Engineering", "Sales", "Design", "Finance", "Operations"]
HEADER = (
    "email,name,role,capacity,skills_wanted,skills_offered,goals,bio,timezone,languages,"
    "seniority,department\n"
)


def _csv() -> str:
    """Seeded, so the demo is the same every time. One mentee speaks only Japanese, which
    no mentor does: the run leaves her unmatched and says why."""
    rng = random.Random(2026)  # noqa: S311 - demo data, not a secret
    lines = [HEADER]
    for k in range(MENTEES + MENTORS):
        mentor = k >= MENTEES
        name = f"{FIRST[k]} {LAST[k % len(LAST)]}"
        email = f"{FIRST[k].lower().replace('é', 'e')}.{k}@autumn.demo.alongside.test"
        skills = ";".join(rng.sample(SKILLS, 3 if mentor else 2))
        languages = "Japanese" if k == 7 else rng.choice(LANGUAGES)
        cells = [
            email,
            name,
            "mentor" if mentor else "mentee",
            str(rng.choice([2, 3])) if mentor else "",
            "" if mentor else skills,
            skills if mentor else "",
            rng.choice(GOALS),
            "Happy to share what I learned the hard way." if mentor else "",
            rng.choice(ZONES),
            languages,
            str(rng.randint(5, 9) if mentor else rng.randint(1, 4)),
            rng.choice(DEPARTMENTS),
        ]
        lines.append(",".join(cells) + "\n")
    return "".join(lines)


def load_cohort(*, admin: Person, password: str) -> Program:
    """The program, its imported people (who sign in with the demo password) and a
    published matching run."""
    program = Program.objects.filter(slug=SLUG).first()
    if program is None:
        program = Program.objects.create(
            slug=SLUG,
            name="Autumn mentoring circle",
            description="Six months, one mentor each, matched by the program team.",
            enrollment=EnrollmentMode.IMPORT,
            matching=MatchingMode.ADMIN,
            require_shared_language=True,
            avoid_same_department=True,
        )
    program.admins.add(admin)
    participants_import(program=program, actor=admin, rows_or_file=_csv().encode())
    # Demo people sign in with the shared password (their invitation is then not sent):
    # one hash for them all, as hashing 40 times would take seconds.
    Person.objects.filter(email__endswith="@autumn.demo.alongside.test", last_login=None).update(
        password=make_password(password)
    )
    if not MatchingRun.objects.filter(program=program, status=RunStatus.PUBLISHED).exists():
        run = matching_run(program=program, actor=admin, weights={"skills": 2}, floor=0.2)
        if run.status == RunStatus.DONE:
            run_publish(run=run, actor=admin)
    return program
