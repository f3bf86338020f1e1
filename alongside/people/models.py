import hashlib
import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone as tz
from django.utils.crypto import salted_hmac

from alongside.lib.public_id import HasPublicId

# Length limits shared by the forms, the API schemas and the services.
NAME_MAX = 120
HEADLINE_MAX = 200
BIO_MAX = 4000
EMAIL_MAX = 254
TAG_MAX = 60
TAGS_MAX = 30
CAPACITY_MAX = 20
# The name a deleted account leaves on what it shared with a pair (see Person.deleted_at).
FORMER_MEMBER = "a former member"


class Channel(models.TextChoices):
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    CHAT = "chat", "Chat"


# What search_text and skills_text are made from.
SEARCHED_FIELDS = frozenset({"name", "headline", "skills", "interests"})
DERIVED_FIELDS = ("search_text", "skills_text")
# How a person mentors or wants to be mentored: set on their profile (people.services),
# shown together in the admin.
MENTORING_FIELDS = (
    "open_to_mentor",
    "mentor_capacity",
    "seeking_mentor",
    "channel",
    "meeting_every_days",
    "meeting_minutes",
)
# The wide columns of a person that a page naming them never reads: left out of the joins
# that bring a mentor or a mentee along (the JSON lists would be decoded for nothing).
UNSHOWN_FIELDS = ("password", "bio", "skills", "interests", "languages", *DERIVED_FIELDS)


def unshown(*relations: str) -> list[str]:
    """`.defer()` arguments leaving out UNSHOWN_FIELDS of the people at these relations."""
    return [f"{relation}__{name}" for relation in relations for name in UNSHOWN_FIELDS]


def person_derive(person: "Person") -> None:
    """Fill the fields that search relies on from the profile. Every write path calls it:
    `save()`, and the bulk paths that skip `save()` (`bulk_create`, `bulk_update`,
    `update`)."""
    person.search_text = " | ".join(
        [person.name, person.headline, *person.skills, *person.interests]
    ).lower()
    person.skills_text = "|" + "|".join(s.lower() for s in person.skills) + "|"


class PersonQuerySet(models.QuerySet["Person"]):
    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list["Person"]:
        objs = list(objs)
        for person in objs:
            person_derive(person)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Any, fields: Any, *args: Any, **kwargs: Any) -> int:
        objs, fields = list(objs), list(fields)
        if SEARCHED_FIELDS & set(fields):
            for person in objs:
                person_derive(person)
            fields = [*fields, *(f for f in DERIVED_FIELDS if f not in fields)]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        # Python lower-cases as SQLite's LOWER() does not (it knows ASCII only), so the
        # derived fields cannot be set in the same SQL: the rows changed are read back and
        # filled (bulk_update above sends them along, and needs nothing more).
        if not SEARCHED_FIELDS & set(kwargs) or set(DERIVED_FIELDS) <= set(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            changed = super().update(**kwargs)
            people = list(self.model._default_manager.filter(pk__in=pks).only(*SEARCHED_FIELDS))
            for person in people:
                person_derive(person)
            self.model._default_manager.bulk_update(people, DERIVED_FIELDS, batch_size=500)
        return changed


class PersonManager(BaseUserManager.from_queryset(PersonQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "Person":
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "Person":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class Person(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email; `public_id` is the only id that leaves the server."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(max_length=EMAIL_MAX, unique=True)
    name = models.CharField(max_length=NAME_MAX)
    headline = models.CharField(max_length=HEADLINE_MAX, blank=True)
    bio = models.TextField(max_length=BIO_MAX, blank=True)
    timezone = models.CharField(max_length=64, default="UTC")
    skills = models.JSONField(default=list, blank=True)
    interests = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    open_to_mentor = models.BooleanField(default=False)
    mentor_capacity = models.PositiveSmallIntegerField(default=0)
    seeking_mentor = models.BooleanField(default=False)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.VIDEO)
    meeting_every_days = models.PositiveSmallIntegerField(default=14)
    meeting_minutes = models.PositiveSmallIntegerField(default=45)
    last_active = models.DateTimeField(null=True, blank=True)
    # When the previous visit ended (its last activity before a pause of VISIT_GAP): the
    # home page shows what the partner shared since then. Set by people.services.person_touch.
    previous_visit_at = models.DateTimeField(null=True, blank=True)
    # Lower-cased name, headline, skills and interests, so search works alike on
    # SQLite and PostgreSQL without JSON operators.
    search_text = models.TextField(blank=True, editable=False)
    # "|skill one|skill two|", lower-cased, for an exact skill filter.
    skills_text = models.TextField(blank=True, editable=False)

    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=tz.now)
    # Set when the person deleted their account. The row stays as a tombstone, so that
    # what they shared with a pair (whose foreign keys point here) stays for the other
    # member: every personal field is blanked, the name is FORMER_MEMBER, the email a
    # placeholder (the address may sign up again), the password unusable.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # "Sign out everywhere" adds one: every session made before it no longer matches
    # (see _get_session_auth_hash), recorded or not.
    sessions_epoch = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["name"]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mentor_capacity__lte=CAPACITY_MAX), name="person_capacity_at_most_20"
            ),
        ]
        # The directory's filters and order: counting the open mentors reads this index
        # alone (with the id, which the count leaves out: the viewer), and the plain list
        # walks it in its order (name, id).
        indexes = [
            models.Index(
                fields=["open_to_mentor", "is_active", "name", "id"], name="person_directory"
            ),
            # The mentor ranking's candidates, with what it reads of them: PostgreSQL scores
            # the 7,000 open mentors of 20,000 people from this index alone (an index-only
            # scan), not from the table's wide rows (deformed past the password, bio and
            # JSON lists for every person to test is_active). SQLite, which takes no INCLUDE,
            # walks the open mentors' ids here rather than scanning every person.
            models.Index(
                fields=["id"],
                include=["name", "mentor_capacity", "search_text", "skills_text"],
                condition=Q(open_to_mentor=True, is_active=True),
                name="person_mentor_ranking",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        person_derive(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def check_password(self, raw_password: str) -> bool:
        """Django re-hashes a right password made with an older hasher (PBKDF2 to Argon2).
        That is no password change: the API tokens made under the old hash are moved to
        the new one, so that they keep working."""
        before = self.password
        ok = super().check_password(raw_password)
        if ok and self.password != before and self.pk is not None:
            ApiToken.objects.filter(
                person=self, password_mark=ApiToken.password_mark_of_hash(before)
            ).update(password_mark=ApiToken.password_mark_of(self))
        return ok

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django's own hash until the first "sign out everywhere", so that no session
        # ended when this field came in.
        if not self.sessions_epoch:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        return salted_hmac(
            "alongside.people.Person.session_auth_hash",
            f"{self.password}|{self.sessions_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class ApiToken(HasPublicId):
    """A bearer token. Only its SHA-256 digest is stored; the token is shown once.

    It ends at `expires_at`, when it is revoked, and when its person's password changes:
    `password_mark` is a keyed digest of the password hash the token was made under, so
    a password set by any path (a page, the API, the admin, `manage changepassword`)
    ends every older token, as Django does for sessions.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=tz.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    password_mark = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.person})"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def password_mark_of(person: Person) -> str:
        return ApiToken.password_mark_of_hash(person.password)

    @staticmethod
    def password_mark_of_hash(password_hash: str) -> str:
        return salted_hmac(
            "alongside.people.ApiToken.password_mark", password_hash, algorithm="sha256"
        ).hexdigest()


class RateCounter(models.Model):
    """How many tries one key (an action and who tries it) made in its current window.

    Counted with one conditional UPDATE per key, so that concurrent requests on any
    number of app processes cannot get more tries through than the limit.
    The key is a digest: no email address or IP address is kept here.
    """

    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_ends = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["window_ends"])]

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.count} until {self.window_ends:%Y-%m-%d %H:%M}"


class AuditAction(models.TextChoices):
    """What an audit event records. The label reads as a sentence on the Security page.

    Other apps add their kinds here (people is the lowest layer every app can reach), so
    that every row of the log has one documented meaning."""

    # A person's own account: shown on their Security page.
    SIGNIN = "signin", "Signed in"
    SIGNIN_FAILED = "signin_failed", "A sign-in failed (wrong password)"
    SIGNOUT = "signout", "Signed out"
    TOKEN_CREATED = "token_created", "An API token was created"
    TOKEN_REVOKED = "token_revoked", "An API token was revoked"
    PASSWORD_CHANGED = "password_changed", "The password was changed"
    PASSWORD_RESET = "password_reset", "The password was reset by email"
    PASSWORD_SET_BY_STAFF = "password_set_by_staff", "Staff set the password"
    TWOFACTOR_ENABLED = "twofactor_enabled", "Two-factor sign-in was turned on"
    TWOFACTOR_DISABLED = "twofactor_disabled", "Two-factor sign-in was turned off"
    TWOFACTOR_FAILED = "twofactor_failed", "A two-factor code was wrong"
    RECOVERY_CODE_USED = "recovery_code_used", "A recovery code was used to sign in"
    RECOVERY_CODES_RENEWED = "recovery_codes_renewed", "New recovery codes were made"
    SESSION_REVOKED = "session_revoked", "A signed-in browser was signed out"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", "Signed out everywhere"
    ROLE_CHANGED = "role_changed", "Site role changed (staff or superuser)"
    EXPORT_REQUESTED = "export_requested", "A copy of the data was asked for"
    EXPORT_DOWNLOADED = "export_downloaded", "A copy of the data was downloaded"
    ACCOUNT_DELETED = "account_deleted", "The account was deleted"
    # A program's admin actions: shown to the program's admins.
    PROGRAM_CREATED = "program_created", "Created the program"
    PROGRAM_UPDATED = "program_updated", "Changed the program's settings"
    PROGRAM_ADMIN_ADDED = "program_admin_added", "A program admin was added"
    PARTICIPANTS_IMPORTED = "participants_imported", "Imported participants"
    ENROLLMENT_CHANGED = "enrollment_changed", "Changed an enrollment"
    MATCHING_RUN = "matching_run", "Ran the matching"
    MATCHING_PUBLISHED = "matching_published", "Published a matching"
    NUDGE_SENT = "nudge_sent", "Sent a nudge"
    PROGRAM_EXPORTED = "program_exported", "Exported program data"
    REMATCH_OFFERED = "rematch_offered", "Offered a pair's mentee a new match"
    PAIR_ENDED = "pair_ended", "Ended a pair early"
    SURVEY_SENT = "survey_sent", "Sent the end-of-program survey"
    # The operator's own work.
    BACKUP_MADE = "backup_made", "A backup was made"
    BACKUP_RESTORED = "backup_restored", "A backup was restored"


class AppendOnly(Exception):
    """An audit event is never changed nor deleted by the application (only the
    retention prune removes old rows)."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("The audit log is append-only: an event is never changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("The audit log is append-only: only the retention prune removes rows.")

    def prune(self, *, before: Any) -> int:
        """Remove the events older than `before`: the one deletion the log allows."""
        deleted, _ = models.QuerySet.delete(self.filter(at__lt=before))
        return deleted


class AuditEvent(HasPublicId):
    """Who did what, when, from which address. Written by `alongside.people.audit.audit`.

    `actor` is who acted (None: the site itself, the operator at the command line, or a
    stranger at the sign-in form), `target` the person whose account the event concerns
    (their Security page lists it), `program_pk` the program an admin action was on, kept
    as a plain id because programs sit above people. `detail` holds ids, counts and field
    names only: never the text of a pair's content.
    """

    at = models.DateTimeField(default=tz.now)
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    actor = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    program_pk = models.BigIntegerField(null=True, blank=True)
    address = models.CharField(max_length=64, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["target", "-at"]),
            models.Index(fields=["program_pk", "-at"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("The audit log is append-only: an event is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("The audit log is append-only: only the retention prune removes rows.")

    @property
    def label(self) -> str:
        return str(AuditAction(self.action).label) if self.action in AuditAction.values else ""

    @property
    def detail_text(self) -> str:
        """The detail as one short line: "created 3, updated 1" or "fields: name"."""
        parts = []
        for key, value in (self.detail or {}).items():
            if key in ("person", "run"):  # ids: the API has them, a person reads names
                continue
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(f"{key.replace('_', ' ')}: {shown}")
        return "; ".join(parts)


class TwoFactor(models.Model):
    """A person's authenticator app (TOTP, RFC 6238). Until `confirmed_at` it is being set
    up and asks nothing at sign-in. `last_step` is the time step of the last code
    accepted: a code is accepted once, and never an older one."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=tz.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Two-factor of {self.person} ({'on' if self.confirmed_at else 'setting up'})"


class RecoveryCode(models.Model):
    """A single-use code for when the authenticator is lost. Only a keyed digest is kept."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=tz.now)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Recovery code of {self.person}{' (used)' if self.used_at else ''}"


class BrowserSession(HasPublicId):
    """A signed-in browser, as its person sees it on "My sessions": the session's key,
    the browser and address it was last seen from, and when."""

    session_key = models.CharField(max_length=40, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="browser_sessions")
    user_agent = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=tz.now)
    last_seen_at = models.DateTimeField(default=tz.now)
    # The session's auth hash when last seen: a session made before a password change or
    # a "sign out everywhere" no longer matches its person's, and is not listed.
    auth_mark = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.person} on {self.user_agent[:40]}"
