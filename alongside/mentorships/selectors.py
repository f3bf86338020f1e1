from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from alongside.mentorships.models import AgreementVersion, Mentorship, Status
from alongside.people.models import Person, unshown


def mentorships_for(person: Person, *, status: str | None = None) -> QuerySet[Mentorship]:
    found = (
        Mentorship.objects.filter(Q(mentor=person) | Q(mentee=person))
        .select_related("mentor", "mentee", "program")
        .defer(*unshown("mentor", "mentee"))
    )
    if status:
        found = found.filter(status=status)
    return found.order_by("-created_at", "-pk")


@dataclass
class NextStep:
    mentorship: Mentorship
    text: str
    url: str


@dataclass
class Home:
    waiting_for_me: list[Mentorship] = field(default_factory=list)
    by_status: dict[str, list[Mentorship]] = field(default_factory=dict)
    next_steps: list[NextStep] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.by_status


# What the home page reads of a mentorship (home/templates/home/, growth.selectors'
# checkins_due_for); a field left out would cost a query per pair.
HOME_FIELDS = (
    "public_id",
    "status",
    "requested_by_id",
    "mentor_confirmed_at",
    "mentee_confirmed_at",
    "created_at",
    "started_at",
    "closed_at",
    "mentor__name",
    "mentee__name",
)


def home_for(person: Person) -> Home:
    """Everything the home page shows, in a fixed number of queries."""
    home = Home()
    # mentorships_for(), with only what the home page shows of a pair and its people: the
    # whole rows (a dozen dates each) cost more to decode than the rest of this read.
    mentorships = list(
        Mentorship.objects.filter(Q(mentor=person) | Q(mentee=person))
        .select_related("mentor", "mentee")
        .only(*HOME_FIELDS)
        .order_by("-created_at", "-pk")[:200]
    )
    for m in mentorships:
        home.by_status.setdefault(m.status, []).append(m)
        if m.status == Status.REQUESTED and m.requested_by_id != person.pk:
            home.waiting_for_me.append(m)
        if m.status == Status.PROPOSED and getattr(m, f"{m.role_of(person)}_confirmed_at") is None:
            home.waiting_for_me.append(m)
    active = {m.pk: m for m in home.by_status.get(Status.ACTIVE, [])}
    latest: dict[int, AgreementVersion] = {}
    versions = AgreementVersion.objects.filter(mentorship__in=list(active)).only(
        "mentorship", "number", "mentee_acknowledged_at", "mentor_acknowledged_at"
    )
    for saved in versions.order_by("mentorship", "-number"):
        latest.setdefault(saved.mentorship_id, saved)
    for pk, m in active.items():
        url = f"/mentorships/{m.public_id}/agreement/"
        version = latest.get(pk)
        other = m.other(person).name
        if version is None:
            home.next_steps.append(NextStep(m, f"Write your agreement with {other}", url))
        elif not version.acknowledged_by(m.role_of(person)):
            home.next_steps.append(
                NextStep(
                    m,
                    f"Read and acknowledge version {version.number} of your agreement with {other}",
                    url,
                )
            )
    return home
