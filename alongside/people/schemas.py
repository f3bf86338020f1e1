"""API shapes for people. Inputs refuse unknown fields and over-long strings."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import (
    BaseModel,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from alongside.lib.schemas import In, Out, Page, PersonRef
from alongside.lib.text import MultiLine
from alongside.people.models import (
    BIO_MAX,
    CAPACITY_MAX,
    EMAIL_MAX,
    HEADLINE_MAX,
    NAME_MAX,
    TAG_MAX,
    TAGS_MAX,
    AuditEvent,
    BrowserSession,
    Channel,
    Person,
)

Tag = Annotated[str, StringConstraints(max_length=TAG_MAX)]
Tags = Annotated[list[Tag], Field(max_length=TAGS_MAX * 2)]


class SignupIn(In):
    email: str = Field(max_length=EMAIL_MAX)
    password: Annotated[str, MultiLine] = Field(max_length=256)
    name: str = Field(max_length=NAME_MAX)
    here_to: Literal["find", "mentor", "both"] = Field(
        "find", description="Find a mentor, mentor others, or both: sets the profile's flags."
    )
    timezone: str = Field("UTC", max_length=64, description="An IANA zone, e.g. Europe/Berlin.")


class TokenIn(In):
    email: str = Field(max_length=EMAIL_MAX)
    password: Annotated[str, MultiLine] = Field(max_length=256)
    name: str = Field("", max_length=100, description="A label to recognise the token by.")
    code: str = Field(
        "",
        max_length=32,
        description="With two-factor sign-in on: the 6-digit code from the authenticator "
        "app, or a recovery code.",
    )


class TokenOut(Schema):
    token: str
    id: uuid.UUID
    expires_at: datetime
    detail: str = "Keep this token secret; it is shown only once."


class TokenInfo(Out):
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None = Field(
        description="When the token was last used, to within a minute; null if never."
    )


class PasswordIn(In):
    # A password may hold any character but NUL and the other controls (MultiLine's rule).
    current_password: Annotated[str, MultiLine] = Field(max_length=256)
    new_password: Annotated[str, MultiLine] = Field(max_length=256)


class PasswordChanged(Schema):
    revoked_tokens: int = Field(description="How many API tokens were revoked.")
    token: str | None = Field(
        description="A new token, when the change was made with one; shown only once."
    )
    id: uuid.UUID | None


class Profile(BaseModel):
    """What a person says about themselves and how they like to meet: what anyone signed
    in reads on their page (PersonOut), and the profile in their data export."""

    name: str
    headline: str
    bio: str
    timezone: str
    skills: list[str]
    interests: list[str]
    languages: list[str]
    open_to_mentor: bool
    mentor_capacity: int
    seeking_mentor: bool
    channel: str
    meeting_every_days: int
    meeting_minutes: int


class PersonOut(Profile, Out):  # Profile first: the id still leads (pydantic's field order)
    last_active: datetime | None = Field(
        description="Only for yourself and the people you are in an active mentorship with; "
        "null for everyone else."
    )
    has_capacity: bool = Field(
        description="Open to mentoring and with fewer active mentees than their capacity."
    )

    @staticmethod
    def resolve_last_active(obj: Person) -> datetime | None:
        # Hidden unless a selector decided this viewer may see it (with_activity_shown_to).
        return getattr(obj, "shown_last_active", None)

    @staticmethod
    def resolve_has_capacity(obj: Person) -> bool:
        if not obj.open_to_mentor:
            return False
        active = getattr(obj, "active_mentees", None)
        if active is None:
            active = obj.mentoring.filter(status="active").count()
        return bool(active < obj.mentor_capacity)


class MeOut(PersonOut):
    email: str

    @staticmethod
    def resolve_last_active(obj: Person) -> datetime | None:
        return obj.last_active


class MePatch(In):
    name: str | None = Field(None, max_length=NAME_MAX)
    headline: str | None = Field(None, max_length=HEADLINE_MAX)
    bio: Annotated[str | None, MultiLine] = Field(None, max_length=BIO_MAX)
    timezone: str | None = Field(None, max_length=64)
    skills: Tags | None = None
    interests: Tags | None = None
    languages: Tags | None = None
    # Strict: JSON true is not a capacity of 1, and "yes" is not true.
    open_to_mentor: StrictBool | None = None
    mentor_capacity: StrictInt | None = Field(None, ge=0, le=CAPACITY_MAX)
    seeking_mentor: StrictBool | None = None
    channel: Channel | None = None
    meeting_every_days: StrictInt | None = Field(None, ge=1, le=365)
    meeting_minutes: StrictInt | None = Field(None, ge=5, le=480)


class PeopleList(Page):
    items: list[PersonOut]


class TokenPage(Page):
    items: list[TokenInfo]


class SecurityEventOut(Out):
    at: datetime
    action: str = Field(description="The kind of event (see docs/api.md for the list).")
    label: str = Field(description="The event as a sentence.")
    actor: PersonRef | None = Field(
        description="Who acted, when not you: staff, or nobody known (a failed sign-in)."
    )
    address: str = Field(description="The address the request came from.")
    browser: str = Field(description="The browser's User-Agent, shortened.")
    detail: dict[str, Any]

    @staticmethod
    def resolve_browser(obj: AuditEvent) -> str:
        return obj.user_agent

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> Person | None:
        return obj.actor if obj.actor_id != obj.target_id else None


class SecurityEventPage(Page):
    items: list[SecurityEventOut]


class SessionOut(Out):
    browser: str = Field(description="The browser's User-Agent, shortened.")
    address: str
    created_at: datetime
    last_seen_at: datetime = Field(description="To within five minutes.")
    current: bool = Field(description="The session this request came with.")

    @staticmethod
    def resolve_browser(obj: BrowserSession) -> str:
        return obj.user_agent

    @staticmethod
    def resolve_current(obj: BrowserSession) -> bool:
        return bool(getattr(obj, "current", False))


class SessionPage(Page):
    items: list[SessionOut]


class SignOutEverywhereIn(In):
    keep_current: bool = Field(
        True,
        description="Keep the session or the token this request came with signed in.",
    )


class SignedOutEverywhere(Schema):
    sessions_ended: int
    tokens_revoked: int
