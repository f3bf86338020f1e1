"""Demo data for `make run`: the Community program and a few realistic people, and a
second program with 40 imported participants and a published matching run
(demo_cohort.py).

Idempotent: people are found by email, so a second run adds nothing twice.
"""

from dataclasses import dataclass

from django.db import transaction
from django.test.utils import override_settings

from alongside.demo_cohort import load_cohort
from alongside.demo_history import load_history
from alongside.people.models import Person
from alongside.people.services import profile_update
from alongside.programs.selectors import community_program

DEMO_PASSWORD = "walk-alongside-2026"  # noqa: S105 - demo accounts only, printed by `alongside demo`


@dataclass(frozen=True)
class DemoPerson:
    email: str
    role: str
    profile: dict[str, object]


PEOPLE = [
    DemoPerson(
        "grace@demo.alongside.test",
        "mentor",
        {
            "name": "Grace Okafor",
            "headline": "Engineering manager, 15 years in backend systems",
            "bio": "I lead a platform team and still review code every week. I like helping people "
            "find their voice in design discussions and plan their next career step.",
            "timezone": "Europe/Berlin",
            "skills": ["Public speaking", "System design", "Leadership"],
            "interests": ["Career growth", "Distributed systems"],
            "languages": ["English", "German"],
            "open_to_mentor": True,
            "mentor_capacity": 3,
            "channel": "video",
        },
    ),
    DemoPerson(
        "tomas@demo.alongside.test",
        "mentor",
        {
            "name": "Tomás Herrera",
            "headline": "Staff data scientist who moved over from academia",
            "bio": "Ten years of research, then industry. Happy to talk about statistics, "
            "writing clearly and making the jump out of a PhD.",
            "timezone": "America/Mexico_City",
            "skills": ["Statistics", "Python", "Technical writing"],
            "interests": ["Career change", "Open science"],
            "languages": ["Spanish", "English"],
            "open_to_mentor": True,
            "mentor_capacity": 2,
            "channel": "video",
        },
    ),
    DemoPerson(
        "priya@demo.alongside.test",
        "mentor",
        {
            "name": "Priya Raman",
            "headline": "Product designer and design-team lead",
            "bio": "I mentor designers and engineers who want to get better at user research, "
            "giving feedback and presenting their work.",
            "timezone": "Asia/Kolkata",
            "skills": ["User research", "Feedback", "Public speaking"],
            "interests": ["Accessibility", "Design systems"],
            "languages": ["English", "Tamil"],
            "open_to_mentor": True,
            "mentor_capacity": 1,
            "channel": "chat",
        },
    ),
    DemoPerson(
        "ada@demo.alongside.test",
        "mentee",
        {
            "name": "Ada Lindqvist",
            "headline": "Junior backend developer, two years in",
            "bio": "I want to speak up more in design reviews and give my first meetup talk.",
            "timezone": "Europe/Stockholm",
            "skills": ["Python", "SQL"],
            "interests": ["Public speaking", "System design"],
            "languages": ["Swedish", "English"],
            "seeking_mentor": True,
        },
    ),
    DemoPerson(
        "sam@demo.alongside.test",
        "mentee",
        {
            "name": "Sam Osei",
            "headline": "PhD student in ecology, curious about data science",
            "bio": "Finishing my thesis next year and weighing a move to industry.",
            "timezone": "Africa/Accra",
            "skills": ["R", "Field research"],
            "interests": ["Statistics", "Career change"],
            "languages": ["English", "Twi"],
            "seeking_mentor": True,
        },
    ),
    DemoPerson(
        "lea@demo.alongside.test",
        "mentee",
        {
            "name": "Léa Martin",
            "headline": "UX designer at a small agency",
            "bio": "I would like to run better user interviews and present research with "
            "confidence.",
            "timezone": "Europe/Paris",
            "skills": ["Figma", "Prototyping"],
            "interests": ["User research", "Accessibility"],
            "languages": ["French", "English"],
            "seeking_mentor": True,
        },
    ),
    DemoPerson(
        "admin@demo.alongside.test",
        "program admin",
        {
            "name": "Morgan Admin",
            "headline": "Runs the mentoring programs",
            "timezone": "Europe/London",
        },
    ),
]


def load_demo() -> list[tuple[DemoPerson, bool]]:
    """Create what is missing; answer each demo person and whether it was created now.

    The emails the services send on the way stay in memory: nobody needs them."""
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        return _load()


def _load() -> list[tuple[DemoPerson, bool]]:
    program = community_program()
    results = []
    for demo in PEOPLE:
        person = Person.objects.filter(email=demo.email).first()
        created = person is None
        if person is None:
            person = Person.objects.create_user(
                email=demo.email,
                password=DEMO_PASSWORD,
                name=str(demo.profile["name"]),
                is_staff=demo.role == "program admin",
            )
            profile_update(person=person, **demo.profile)
        if demo.role == "program admin":
            program.admins.add(person)
        results.append((demo, created))
    load_history(
        mentor=Person.objects.get(email="grace@demo.alongside.test"),
        mentee=Person.objects.get(email="ada@demo.alongside.test"),
    )
    load_cohort(admin=Person.objects.get(email="admin@demo.alongside.test"), password=DEMO_PASSWORD)
    return results
