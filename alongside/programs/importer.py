"""CSV import of a program's participants: one service for the API, the CLI and the page.

Every row is checked before anything is written; a file with a bad row imports nothing
unless the caller asks to skip bad rows. Importing the same file again creates nobody
twice: a person is found by email, an enrollment by (person, role), and both are updated.
People the file names for the first time get an account without a usable password and an
invitation email whose link sets one (the password-reset link).

Writes go in batches: bulk_create for new rows, one executemany UPDATE for the rows that
changed (bulk_update builds a CASE expression per row and field: minutes at 13,000 rows).
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from secrets import token_hex
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Field, Model

from alongside.lib.errors import Forbidden, ServiceError, Unprocessable
from alongside.lib.inputs import clean_text
from alongside.lib.text import one_line_problem, text_problem
from alongside.people.audit import audit
from alongside.people.models import (
    BIO_MAX,
    CAPACITY_MAX,
    NAME_MAX,
    AuditAction,
    Person,
    person_derive,
)
from alongside.people.services import TIMEZONES, clean_email, normalize_tags
from alongside.programs.models import Enrollment, EnrollmentStatus, Program, Role
from alongside.programs.selectors import is_program_admin
from alongside.programs.tasks import invitations_send

COLUMNS = (
    "email",
    "name",
    "role",
    "capacity",
    "skills_wanted",
    "skills_offered",
    "goals",
    "bio",
    "timezone",
    "languages",
    "seniority",
    "department",
)
REQUIRED_COLUMNS = ("email", "name", "role")
LIST_COLUMNS = ("skills_wanted", "skills_offered", "languages")
GOALS_MAX = 4000
DEPARTMENT_MAX = 120
SENIORITY_MAX = 10
BATCH = 500
# Time zones as people type them ("europe/paris"), to their IANA names.
TIMEZONE_NAMES = {name.lower(): name for name in TIMEZONES}
# Rows sent in one IN (...) query: below SQLite's older limit of 999 variables.
LOOKUP_BATCH = 900


class FileTooLarge(ServiceError):
    status = 413
    code = "too_large"


class ImportRefused(Unprocessable):
    """Some rows are bad and the caller did not ask to skip them: nothing was imported."""

    code = "bad_rows"

    def __init__(self, result: "ImportResult") -> None:
        n = len(result.errors)
        super().__init__(
            f"{n} row{'s' if n != 1 else ''} need{'' if n != 1 else 's'} attention, so "
            "nothing was imported. Fix them and send the file again, or import the other "
            "rows with skip_bad_rows."
        )
        self.result = result


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    invited: int = 0  # people the file named for the first time, sent an invitation
    errors: list[RowError] = field(default_factory=list)


@dataclass
class Row:
    line: int
    email: str
    name: str
    role: str
    capacity: int | None
    bio: str
    timezone: str
    languages: list[str]
    skills_offered: list[str]
    answers: dict[str, Any]


# --- Reading ---------------------------------------------------------------------------


def _text_of(rows_or_file: Any) -> str:
    """The file's text: bytes or a binary file as UTF-8 (with or without a BOM)."""
    data = rows_or_file.read() if hasattr(rows_or_file, "read") else rows_or_file
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise FileTooLarge(
            f"The file is larger than {limit // (1024 * 1024)} MB; split it into several files."
        )
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                {"file": "The file is not UTF-8 text; save it as 'CSV UTF-8' and try again."}
            ) from None
    if not isinstance(data, str):
        raise ValidationError({"file": "Send a CSV file."})
    return data.removeprefix("\ufeff")


def _dict_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by column) for each non-empty row; the header checked first."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ValidationError({"file": f"Line 1: the header cannot be read ({exc})."}) from None
    if not header or not any(h.strip() for h in header):
        raise ValidationError({"file": "The file is empty; the first line names the columns."})
    names = [h.strip().lower() for h in header]
    if len(names) == 1 and ";" in names[0]:
        raise ValidationError(
            {
                "file": "The header has one column with ';' in it: separate columns with "
                "commas (';' separates the entries of a list)."
            }
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    unknown = [n for n in names if n not in COLUMNS]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if missing or unknown or repeated:
        said = []
        if missing:
            said.append("missing " + ", ".join(missing))
        if unknown:
            said.append("unknown " + ", ".join(repr(n) for n in unknown))
        if repeated:
            said.append("repeated " + ", ".join(repeated))
        raise ValidationError(
            {
                "file": f"The header is wrong ({'; '.join(said)}). The first line names the "
                f"columns: {', '.join(COLUMNS)} (email, name and role are required)."
            }
        )
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ValidationError(
                {"file": f"Line {line}: the file cannot be read from here ({exc})."}
            ) from None
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(names):
            yield (
                line,
                {"__width__": f"This row has {len(values)} values; the header names {len(names)}."},
            )
            continue
        yield line, dict(zip(names, values, strict=True))


def _split(value: str) -> list[str]:
    return [part for part in value.split(";") if part.strip()]


def _one_line(value: str, *, field: str, limit: int, required: bool = False) -> str:
    value = clean_text(value, field=field, limit=limit, required=required)
    problem = one_line_problem(value, field=field)
    if problem:
        raise ValidationError({field: problem})
    return value


def _text(value: str, *, field: str, limit: int) -> str:
    value = clean_text(value, field=field, limit=limit)
    problem = text_problem(value, field=field)
    if problem:
        raise ValidationError({field: problem})
    return value


def _int(value: str, *, field: str, high: int) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValidationError({field: f"Give a whole number from 0 to {high}."}) from None
    if not 0 <= number <= high:
        raise ValidationError({field: f"Give a whole number from 0 to {high}."})
    return number


def _row(line: int, raw: dict[str, str]) -> Row:
    if "__width__" in raw:
        raise ValidationError({"row": raw["__width__"]})
    get = lambda name: raw.get(name) or ""  # noqa: E731 - a column left out is empty
    email = clean_email(get("email"))
    name = _one_line(get("name"), field="name", limit=NAME_MAX, required=True)
    role = get("role").strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": "Give mentor or mentee."})
    capacity = _int(get("capacity"), field="capacity", high=CAPACITY_MAX)
    if role == Role.MENTOR and capacity is None:
        raise ValidationError(
            {"capacity": f"Give how many mentees this mentor takes at once (0 to {CAPACITY_MAX})."}
        )
    if role == Role.MENTEE:
        capacity = None  # a mentee's row may carry anything there; it means nothing
    typed = get("timezone").strip() or "UTC"
    timezone = TIMEZONE_NAMES.get(typed.lower(), "")
    if not timezone:
        raise ValidationError(
            {"timezone": f"'{typed[:40]}' is not a time zone; use a name like Europe/Paris."}
        )
    lists = {c: normalize_tags(_split(get(c)), field=c) for c in LIST_COLUMNS}
    goals = _text(get("goals"), field="goals", limit=GOALS_MAX)
    bio = _text(get("bio"), field="bio", limit=BIO_MAX)
    seniority = _int(get("seniority"), field="seniority", high=SENIORITY_MAX)
    department = _one_line(get("department"), field="department", limit=DEPARTMENT_MAX)
    return Row(
        line=line,
        email=email,
        name=name,
        role=role,
        capacity=capacity,
        bio=bio,
        timezone=timezone,
        languages=lists["languages"],
        skills_offered=lists["skills_offered"],
        answers={
            "skills_wanted": lists["skills_wanted"],
            "skills_offered": lists["skills_offered"],
            "goals": goals,
            "bio": bio,
            "timezone": timezone,
            "languages": lists["languages"],
            "seniority": seniority,
            "department": department,
        },
    )


def _message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{field}: {message}" if field not in ("row", "__all__") else message
            for field, messages in exc.message_dict.items()
            for message in messages
        )
    return "; ".join(exc.messages)


def parse(rows_or_file: Any) -> tuple[list[Row], list[RowError]]:
    """Every row checked: the good ones, and each bad one with its line and reason."""
    text = _csv_of(rows_or_file) if isinstance(rows_or_file, list) else _text_of(rows_or_file)
    good: list[Row] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    count = 0
    for line, raw in _dict_rows(text):
        count += 1
        if count > settings.IMPORT_MAX_ROWS:
            raise FileTooLarge(
                f"The file has more than {settings.IMPORT_MAX_ROWS} rows; split it into "
                "several files."
            )
        try:
            row = _row(line, raw)
        except ValidationError as exc:
            errors.append(RowError(line, _message(exc)))
            continue
        first = seen.setdefault((row.email, row.role), line)
        if first != line:
            errors.append(RowError(line, f"{row.email} is already a {row.role} on line {first}."))
            continue
        good.append(row)
    if not good and not errors:
        raise ValidationError({"file": "The file names the columns but has no rows."})
    return good, errors


def _csv_of(rows: list[dict[str, Any]]) -> str:
    """Rows given as dicts (the demo, a script) go through the same checks as a file."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


# --- Writing ---------------------------------------------------------------------------


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


PROFILE_FIELDS = ["name", "bio", "timezone", "languages", "skills", "search_text", "skills_text"]


def _profile(person: Person, row: Row) -> bool:
    """The file's profile on the person; whether anything changed."""
    before = [getattr(person, f) for f in PROFILE_FIELDS]
    person.name = row.name
    person.bio = row.bio
    person.timezone = row.timezone
    person.languages = row.languages
    if row.role == Role.MENTOR:
        person.skills = row.skills_offered
    person_derive(person)  # the UPDATE of _update_rows skips save() and the bulk paths
    return before != [getattr(person, f) for f in PROFILE_FIELDS]


def _update_rows(model: type[Model], objs: list[Any], fields: list[str]) -> None:
    """These fields of these rows, written with one statement run for every row."""
    if not objs:
        return
    meta = model._meta
    qn = connection.ops.quote_name
    columns: list[Field[Any, Any]] = [meta.get_field(f) for f in fields]  # type: ignore[misc]
    sets = ", ".join(f"{qn(c.column)} = %s" for c in columns)
    # Names come from the model, values go as parameters.
    sql = f"UPDATE {qn(meta.db_table)} SET {sets} WHERE {qn(meta.pk.column)} = %s"  # noqa: S608
    params = [
        [c.get_db_prep_save(getattr(o, c.attname), connection) for c in columns] + [o.pk]
        for o in objs
    ]
    with connection.cursor() as cursor:
        for chunk in _chunks(params, BATCH):
            cursor.executemany(sql, chunk)


def _people(
    rows: list[Row], progress: Callable[[str], None]
) -> tuple[dict[str, Person], list[int]]:
    """Everyone the rows name, by email; those created now get no usable password.

    A person the import created who never signed in is still the file's to describe:
    their profile follows the file. Anyone else keeps the profile they keep themselves.
    """
    by_email: dict[str, Row] = {}
    for row in rows:
        by_email.setdefault(row.email, row)
    emails = list(by_email)
    found: dict[str, Person] = {}
    for chunk in _chunks(emails, LOOKUP_BATCH):
        for person in Person.objects.filter(email__in=chunk):
            found[person.email] = person
    stale = [p for p in found.values() if p.last_login is None and not p.has_usable_password()]
    _update_rows(Person, [p for p in stale if _profile(p, by_email[p.email])], PROFILE_FIELDS)
    new = []
    for email in emails:
        if email not in found:
            # Unusable, as make_password(None) makes it, with a cheaper random suffix: the
            # suffix differs per person so that reset links differ too.
            person = Person(email=email, password=UNUSABLE_PASSWORD_PREFIX + token_hex(20))
            _profile(person, by_email[email])
            new.append(person)
    for i, chunk in enumerate(_chunks(new, BATCH)):
        # Another import (of another program) may create the same person meanwhile:
        # theirs is kept, and looked up below with ours.
        Person.objects.bulk_create(chunk, ignore_conflicts=True)
        progress(f"people: {min((i + 1) * BATCH, len(new))} of {len(new)} created")
    # ignore_conflicts leaves the new keys unknown: read them back by email.
    missing = [p.email for p in new if p.pk is None]
    for chunk in _chunks(missing, LOOKUP_BATCH):
        keys = dict(Person.objects.filter(email__in=chunk).values_list("email", "pk"))
        for person in new:
            person.pk = keys.get(person.email, person.pk)
    for person in new:
        found[person.email] = person
    return found, [p.pk for p in new]


def _enrollments(
    program: Program, rows: list[Row], people: dict[str, Person], result: ImportResult
) -> None:
    existing: dict[tuple[int, str], Enrollment] = {}
    ids = list({p.pk for p in people.values()})
    for chunk in _chunks(ids, LOOKUP_BATCH):
        for known in Enrollment.objects.filter(program=program, person_id__in=chunk):
            existing[(known.person_id, known.role)] = known
    new: list[Enrollment] = []
    changed: list[Enrollment] = []
    for row in rows:
        person = people[row.email]
        enrollment = existing.get((person.pk, row.role))
        if enrollment is None:
            new.append(
                Enrollment(
                    program_id=program.pk,
                    person_id=person.pk,
                    role=row.role,
                    status=EnrollmentStatus.ACTIVE,
                    capacity=row.capacity,
                    answers=row.answers,
                )
            )
        else:
            result.updated += 1
            status = (
                EnrollmentStatus.ACTIVE
                if enrollment.status == EnrollmentStatus.INVITED
                else enrollment.status
            )
            now = (status, row.capacity, row.answers)
            if now != (enrollment.status, enrollment.capacity, enrollment.answers):
                enrollment.status, enrollment.capacity, enrollment.answers = now
                changed.append(enrollment)
    for chunk in _chunks(new, BATCH):
        Enrollment.objects.bulk_create(chunk)
    # Rows the file names again count as updated; only those that differ are written.
    _update_rows(Enrollment, changed, ["status", "capacity", "answers"])
    result.created = len(new)


def _without_closed_accounts(rows: list[Row]) -> tuple[list[Row], list[RowError]]:
    """A closed account is not enrolled again by a file: that row is a bad one."""
    emails = list({row.email for row in rows})
    closed: set[str] = set()
    for chunk in _chunks(emails, LOOKUP_BATCH):
        closed.update(
            Person.objects.filter(email__in=chunk, is_active=False).values_list("email", flat=True)
        )
    if not closed:
        return rows, []
    return [r for r in rows if r.email not in closed], [
        RowError(r.line, f"{r.email}: this account is closed; remove the row.")
        for r in rows
        if r.email in closed
    ]


def participants_import(
    *,
    program: Program,
    actor: Person | None,
    rows_or_file: Any,
    skip_bad_rows: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    """Import the participants of `rows_or_file` (CSV bytes, text, a file, or a list of
    row dicts) into `program`. `actor` None: the operator at the command line.

    Raises ImportRefused (nothing imported) when a row is bad and `skip_bad_rows` is off,
    ValidationError when the file as a whole is unreadable, FileTooLarge past the limits.
    """
    if actor is not None and not is_program_admin(actor, program):
        raise Forbidden(f"Only the admins of {program.name} import participants.")
    say = progress or (lambda _: None)
    rows, errors = parse(rows_or_file)
    rows, closed = _without_closed_accounts(rows)
    errors = sorted(errors + closed, key=lambda e: e.line)
    result = ImportResult(errors=errors)
    say(f"checked {len(rows) + len(errors)} rows: {len(errors)} bad")
    if errors and not skip_bad_rows:
        raise ImportRefused(result)
    result.skipped = len(errors)
    with transaction.atomic():
        # One import or enrollment at a time per program: two admins sending the same
        # file at once update, they do not collide on (program, person, role).
        Program.objects.select_for_update().filter(pk=program.pk).first()
        people, created_ids = _people(rows, say)
        _enrollments(program, rows, people, result)
        result.invited = len(created_ids)
        audit(
            AuditAction.PARTICIPANTS_IMPORTED,
            actor=actor,
            program=program,
            detail={
                "created": result.created,
                "updated": result.updated,
                "skipped": result.skipped,
                "invited": result.invited,
                "via": "command line" if actor is None else "site",
            },
        )
        if created_ids:
            for chunk in _chunks(created_ids, BATCH):
                invitations_send.enqueue(program_id=program.pk, person_ids=chunk)
    say(
        f"done: {result.created} enrolled, {result.updated} updated, "
        f"{result.skipped} skipped, {result.invited} invited"
    )
    return result


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def read_upload(stream: Readable, length: int | None) -> bytes:
    """A request body or an uploaded file, refused past IMPORT_MAX_BYTES before reading it."""
    limit = settings.IMPORT_MAX_BYTES
    if length is not None and length > limit:
        raise FileTooLarge(
            f"The file is larger than {limit // (1024 * 1024)} MB; split it into several files."
        )
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(
            f"The file is larger than {limit // (1024 * 1024)} MB; split it into several files."
        )
    return data
