"""The skills a mentee rates in a check-in: the ones they chose, or, until they choose,
the skills they rated last time and the titles of their goals. Their profile's interests
("career change") are offered to pick, never asked for unasked."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone as tz

from alongside.goals.models import Goal, GoalStatus
from alongside.growth.models import SKILL_MAX, SkillRating, TrackedSkills
from alongside.lib.errors import Forbidden
from alongside.lib.inputs import CONTROL
from alongside.mentorships.access import require_active
from alongside.mentorships.models import Mentorship
from alongside.people.models import Person

# A check-in asks for at most this many ratings; a longer list would be a form nobody fills.
TRACKED_MAX = 12


@dataclass(frozen=True)
class Tracked:
    skills: list[str]  # what the next check-in asks, in this order
    chosen: bool  # the mentee chose them (else: seeded from the last ratings and the goals)
    suggestions: list[str]  # more the mentee may pick: goals, past ratings, their profile


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def _short(title: str) -> str:
    """A goal's title as a skill's name: cut at a word within SKILL_MAX characters."""
    title = " ".join(title.split())
    if len(title) <= SKILL_MAX:
        return title
    cut = title[: SKILL_MAX + 1].rsplit(" ", 1)[0]
    return (cut if 0 < len(cut) <= SKILL_MAX else title[:SKILL_MAX]).rstrip(" ,.;:-")


def _goal_skills(mentorship: Mentorship) -> list[str]:
    goals = Goal.objects.filter(mentorship=mentorship).exclude(status=GoalStatus.DROPPED)
    return [
        _short(t)
        for t in goals.order_by("status", "created_at", "pk").values_list("title", flat=True)
    ]


def _last_rated(mentorship: Mentorship) -> list[str]:
    latest = mentorship.checkins.order_by("-created_at", "-pk").first()
    if latest is None:
        return []
    return list(SkillRating.objects.filter(checkin=latest).values_list("skill", flat=True))


def tracked_skills_for(mentorship: Mentorship) -> Tracked:
    row = TrackedSkills.objects.filter(mentorship=mentorship).first()
    goals = _goal_skills(mentorship)
    if row is not None:
        skills = list(row.names)
    else:
        skills = _unique([*_last_rated(mentorship), *goals])[:TRACKED_MAX]
    ever = SkillRating.objects.filter(checkin__mentorship=mentorship).values_list(
        "skill", flat=True
    )
    mentee = mentorship.mentee
    known = {s.casefold() for s in skills}
    more = _unique([*goals, *ever, *mentee.interests, *mentee.skills])
    return Tracked(
        skills=skills,
        chosen=row is not None,
        suggestions=[s for s in more if s.casefold() not in known],
    )


def clean_skill_names(names: Iterable[object]) -> list[str]:
    """One line each, at most SKILL_MAX characters, no duplicates, at most TRACKED_MAX."""
    skills: list[str] = []
    for i, raw in enumerate(names):
        name = " ".join(CONTROL.sub("", str(raw)).split())
        if not name:
            continue
        if len(name) > SKILL_MAX:
            raise ValidationError(
                {f"skills.{i}": f"At most {SKILL_MAX} characters in a skill ('{name[:20]}…')."}
            )
        skills.append(name)
    skills = _unique(skills)
    if len(skills) > TRACKED_MAX:
        raise ValidationError(
            {"skills": f"Track at most {TRACKED_MAX} skills (this has {len(skills)})."}
        )
    return skills


@transaction.atomic
def skills_choose(*, mentorship: Mentorship, author: Person, skills: Iterable[object]) -> Tracked:
    """The mentee chooses what their check-ins ask them to rate (an empty list: none)."""
    require_active(mentorship, only="the skills you track can change")
    if author.pk != mentorship.mentee_id:
        raise Forbidden("The mentee chooses the skills their check-ins track.", code="mentee_only")
    names = clean_skill_names(skills)
    TrackedSkills.objects.update_or_create(
        mentorship=mentorship, defaults={"names": names, "updated_at": tz.now()}
    )
    return tracked_skills_for(mentorship)
