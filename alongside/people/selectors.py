import datetime as dt
import json
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, overload

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Expression,
    F,
    Field,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from alongside.lib.compiled import Compiled
from alongside.people.models import ApiToken, Person

# Mentorships sit above people: their rows are reached through the reverse relations of
# Mentorship.mentor (`mentoring`) and Mentorship.mentee (`mentored`), never imported, and
# their status is named here (a test holds it equal to mentorships' Status.ACTIVE).
ACTIVE = "active"
# "Active recently" on a partner's card and profile: within this many days.
ACTIVE_RECENTLY_DAYS = 14


def partner_ids(viewer: Person) -> set[int]:
    """The people the viewer is in an active mentorship with."""
    # The viewer's own side of each pair, both sides in one query (a UNION).
    mentees = viewer.mentoring.filter(status=ACTIVE).order_by().values_list("mentee_id", flat=True)
    mentors = viewer.mentored.filter(status=ACTIVE).order_by().values_list("mentor_id", flat=True)
    return {pk for pk in mentees.union(mentors) if pk != viewer.pk}


def with_activity_shown_to(viewer: Person, people: Iterable[Person]) -> list[Person]:
    """Sets `shown_last_active` on each person: when they were last active, for themselves
    and for the people they are in an active mentorship with; None for everyone else, so
    that no one can watch when a stranger is online. One query for the whole list."""
    people = list(people)
    partners = partner_ids(viewer) if viewer.is_authenticated else set()
    recent = timezone.now() - dt.timedelta(days=ACTIVE_RECENTLY_DAYS)
    for person in people:
        shown = person.pk == viewer.pk or person.pk in partners
        person.shown_last_active = person.last_active if shown else None  # type: ignore[attr-defined]
        person.active_recently = bool(  # type: ignore[attr-defined]
            shown and person.last_active and person.last_active >= recent
        )
    return people


def live_tokens(person: Person) -> QuerySet[ApiToken]:
    """A person's tokens that still work: not expired, made under the current password."""
    return ApiToken.objects.filter(
        person=person,
        expires_at__gt=timezone.now(),
        password_mark=ApiToken.password_mark_of(person),
    )


class Bearer(NamedTuple):
    """A token found by its digest, and its person (carrying `active_mentees`, as the
    request began, when they are open to mentoring: what PersonOut's has_capacity reads)."""

    token_id: int
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    password_mark: str
    person: Person


_PERSON_COLUMNS = [field.attname for field in Person._meta.concrete_fields]


def _bearer(*, digest: str) -> QuerySet[ApiToken, dict[str, Any]]:
    # The person's every column, as select_related reads them (request.user is this row),
    # and, for GET /me's has_capacity, their active mentees: counted only for a person open
    # to mentoring (one index probe), so that an API request of anyone else pays nothing.
    mentees = Case(When(person__open_to_mentor=True, then=_active_mentees("person_id")))
    return (
        ApiToken.objects.filter(digest=digest, person__is_active=True)
        .annotate(active_mentees=mentees)
        .order_by()
        .values(
            "pk",
            "expires_at",
            "last_used_at",
            "password_mark",
            *(f"person__{name}" for name in _PERSON_COLUMNS),
            "active_mentees",
        )
    )


# On every API request: built and compiled once per connection (lib/compiled.py), which
# was 0.4 ms of the 2 ms GET /me took.
_BEARER = Compiled(_bearer, digest=str)


def bearer_of(digest: str) -> Bearer | None:
    """The token with this digest and its person, if the person is active: one query."""
    rows = _BEARER.rows(digest=digest)
    if not rows:
        return None
    (row,) = rows  # the digest is unique
    # As the ORM makes a row's model (the values are converted already).
    values = [row[f"person__{name}"] for name in _PERSON_COLUMNS]
    person = Person.from_db("default", _PERSON_COLUMNS, values)
    if row["active_mentees"] is not None:
        person.active_mentees = row["active_mentees"]  # type: ignore[attr-defined]
    return Bearer(row["pk"], row["expires_at"], row["last_used_at"], row["password_mark"], person)


def zones_within(zone: str, hours: int, *, among: Iterable[str]) -> list[str]:
    """The zones of `among` whose clock is at most `hours` from `zone`'s, now."""
    now = timezone.now()
    try:
        mine = now.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return []
    near = []
    for other in among:
        try:
            offset = now.astimezone(zoneinfo.ZoneInfo(other)).utcoffset()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        if (
            mine is not None
            and offset is not None
            and abs(offset - mine) <= dt.timedelta(hours=hours)
        ):
            near.append(other)
    return near


def people_search(
    *,
    q: str = "",
    skill: str = "",
    language: str = "",
    within_hours: int | None = None,
    open_to_mentor: bool | None = None,
    viewer: Person | None = None,
) -> "QuerySet[Person] | RankedMentors":
    """Active people matching every word of `q` (name, headline, skills, interests).

    Each carries `active_mentees`. When listing mentors for a viewer, the best matches to
    the viewer's skills and interests come first, then those with room (RankedMentors).
    """
    people = Person.objects.filter(is_active=True).exclude(name="")
    for word in q.lower().split()[:8]:
        people = people.filter(search_text__contains=word)
    if skill.strip():
        people = people.filter(skills_text__contains=f"|{' '.join(skill.lower().split())}|")
    if language.strip():
        # The languages are a JSON list: the quotes match a whole entry ("Spanish").
        people = people.filter(languages__icontains=json.dumps(" ".join(language.split())))
    if within_hours is not None and viewer is not None and viewer.is_authenticated:
        zones = Person.objects.filter(is_active=True).values_list("timezone", flat=True)
        people = people.filter(
            timezone__in=zones_within(viewer.timezone, within_hours, among=set(zones.distinct()))
        )
    if open_to_mentor is not None:
        people = people.filter(open_to_mentor=open_to_mentor)
    if open_to_mentor and viewer is not None and viewer.is_authenticated:
        return RankedMentors(people.exclude(pk=viewer.pk), viewer)
    return with_active_mentees(people).order_by("name", "pk")


def _active_mentees(person: str = "pk") -> Coalesce:
    # A subquery rather than a join with GROUP BY over every candidate: it is cheaper, and
    # count() can then drop the annotations and count plain rows. It reads the mentorships
    # alone (their index on mentor and status answers it), reached through the reverse
    # relation: ranking runs it once per open mentor on PostgreSQL's serial plans.
    mentorship = Person.mentoring.field.model
    active = (
        mentorship._default_manager.filter(mentor=OuterRef(person), status=ACTIVE)
        .order_by()
        .values("mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(active), 0)


def with_active_mentees(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.annotate(active_mentees=_active_mentees())


class RankedMentors(Sequence[Person]):
    """The open mentors for a viewer: best match first, then those with room, then by name.

    Ranked on narrow rows: the database orders the ids alone, and only the rows of the
    page asked for are read whole, with `active_mentees`. A page is ranked in two steps
    (`_RANK_SQL`): the candidates sorted by match, then the page's ties broken by room and
    name, so that active mentees are counted only for the rows near the page (PostgreSQL's
    incremental sort: tens of rows, not every open mentor). Sliced, and counted with len()
    (lib.pagination, Django's Paginator); iterating reads every row, in order.
    """

    def __init__(self, candidates: QuerySet[Person], viewer: Person) -> None:
        self.candidates = candidates
        self.viewer = viewer

    def ranked(self) -> QuerySet[Person]:
        room = Case(
            When(mentor_capacity__gt=_active_mentees(), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return self.candidates.annotate(match=_match_score(self.viewer), room=room).order_by(
            "-match", "-room", "name", "pk"
        )

    def __len__(self) -> int:
        return self.candidates.count()

    def __iter__(self) -> Iterator[Person]:
        return iter(with_active_mentees(self.ranked()))

    @overload
    def __getitem__(self, index: int) -> Person: ...

    @overload
    def __getitem__(self, index: slice) -> list[Person]: ...

    def __getitem__(self, index: int | slice) -> Person | list[Person]:
        if isinstance(index, int):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        if index.step not in (None, 1) or (index.start or 0) < 0 or (index.stop or 0) < 0:
            raise ValueError("RankedMentors takes a forward slice of positive bounds")
        ids = self._page_ids(index.start or 0, index.stop)
        rows = {p.pk: p for p in with_active_mentees(Person.objects.filter(pk__in=ids))}
        return [rows[pk] for pk in ids]

    def _page_ids(self, start: int, stop: int | None) -> list[int]:
        if stop is not None and stop <= start:
            return []
        try:
            sql, params = self.page_sql(start, stop)
        except EmptyResultSet:  # a filter no one can pass (no time zone near enough)
            return []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [pk for (pk,) in cursor.fetchall()]

    def page_sql(self, start: int, stop: int | None) -> tuple[str, list[Any]]:
        """The SQL and parameters that read the ids of the page [start:stop], in order."""
        by_match = (
            self.candidates.annotate(match=_match_score(self.viewer))
            .order_by("-match")
            .values("match", person=F("pk"), person_name=F("name"), capacity=F("mentor_capacity"))
        )
        inner, params = by_match.query.sql_with_params()
        quote, pairs = connection.ops.quote_name, Person.mentoring.field
        status = pairs.model._meta.get_field("status")
        if not isinstance(status, Field):  # for the type checker: a concrete column
            raise TypeError(status)
        sql = _RANK_SQL.format(
            inner=inner,
            mentorships=quote(pairs.model._meta.db_table),
            mentor=quote(pairs.column),
            status=quote(status.column),
        )
        # No stop: PostgreSQL's LIMIT NULL, SQLite's LIMIT -1 (it takes no OFFSET alone).
        limit = stop - start if stop is not None else _NO_LIMIT.get(connection.vendor, -1)
        return sql, [*params, ACTIVE, limit, start]


_NO_LIMIT: dict[str, int | None] = {"postgresql": None}
# The candidates (with their match) in a derived table sorted by match, ranked over it: the
# outer sort then has its first key presorted, and PostgreSQL counts active mentees only
# for the match groups that reach the page (an incremental sort), where ordering by all
# four keys at once counted them for every open mentor (6,999 index probes, 12 ms of 26 on
# a serial plan; the parallel plan that hid this cost a second process as much CPU again).
_RANK_SQL = """
SELECT ranked.person FROM ({inner}) ranked
ORDER BY ranked."match" DESC,
    CASE WHEN ranked.capacity > (
        SELECT COUNT(*) FROM {mentorships} m
        WHERE m.{mentor} = ranked.person AND m.{status} = %s
    ) THEN 1 ELSE 0 END DESC,
    ranked.person_name, ranked.person
LIMIT %s OFFSET %s
"""


def _match_score(viewer: Person) -> "_MatchScore | Value":
    """Two points per skill of theirs that I want (my interests) or share, one per word hit."""
    terms = {t.lower() for t in [*viewer.interests, *viewer.skills] if t.strip()}
    return _MatchScore(*sorted(terms)[:40]) if terms else Value(0)


class _MatchScore(Expression):
    """The match score of the viewer's terms, written as SQL text: built as nested Case
    and When expressions, resolving and compiling them cost about 1.5 ms of Python per
    ranking (7 terms), more than half of what the database then spends on the 20 rows
    of a page's details.

    Per term: a skill of theirs is in their search text too, so a term that misses the
    search text (most terms, for most people) is not looked for in the skills: one test
    instead of two. A term with a "|" could span two skills in `skills_text`, so it is
    looked for there first, as the plain rule says.

    A test is `contains` (LIKE '%term%', its "%" and "_" escaped), which PostgreSQL runs
    as STRPOS(text, term) > 0: the same answer (both case-sensitive there, the term taken
    literally by both), for about half the CPU (7 terms over 7,000 open mentors: 5-6 ms
    rather than 10). SQLite keeps LIKE: INSTR is slower there."""

    output_field = IntegerField()

    def __init__(self, *terms: str) -> None:
        super().__init__()
        self.terms = terms
        self.columns: list[Any] = [F("search_text"), F("skills_text")]

    def get_source_expressions(self) -> list[Any]:
        return self.columns

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.columns = list(exprs)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        (text, text_params), (skills, skills_params) = map(compiler.compile, self.columns)
        if text_params or skills_params:
            raise ValueError("The match score reads two plain columns")

        def has(column: str, needle: str) -> tuple[str, str]:
            if connection.vendor == "postgresql":
                return f"STRPOS({column}, %s) > 0", needle
            pattern = f"%{connection.ops.prep_for_like_query(needle)}%"
            return f"{column} {connection.operators['contains'] % '%s'}", pattern

        hits, params = [], []
        for term in self.terms:
            (word, w), (skill, k) = has(text, term), has(skills, f"|{term}|")
            if "|" in term:
                hits.append(f"CASE WHEN {skill} THEN 2 WHEN {word} THEN 1 ELSE 0 END")
                params += [k, w]
            else:
                hits.append(f"CASE WHEN {word} THEN CASE WHEN {skill} THEN 2 ELSE 1 END ELSE 0 END")
                params += [w, k]
        return f"({' + '.join(hits)})", params
