import datetime as dt
import uuid
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from alongside.lib.schemas import In, PageQuery, PersonRef
from alongside.lib.text import MultiLine
from alongside.mentorships.schemas import PairOut
from alongside.threads.models import BODY_MAX, Message, RefKind
from alongside.threads.selectors import SEARCH_MAX


class MessageIn(In):
    body: Annotated[str, MultiLine] = Field(
        description=f"Plain text, line breaks kept; at most {BODY_MAX:,} characters. Never "
        "read as HTML: links are made clickable when shown."
    )
    ref_kind: RefKind | None = Field(None, description="What the message refers to, if anything.")
    ref_id: uuid.UUID | None = Field(None, description="The id of that resource, goal, ...")


class MessagePatch(In):
    body: Annotated[str, MultiLine]


class ReadIn(In):
    up_to: uuid.UUID | None = Field(
        None, description="The last message read; the newest of the thread when left out."
    )


class MessageQuery(PageQuery):
    q: str = Field(
        "",
        max_length=SEARCH_MAX,
        description="Only messages with, for each word of q, a word starting with it (any case).",
    )
    after: int | None = Field(
        None,
        ge=0,
        description="Only messages after this place in the thread (`seq`), oldest first: "
        "for a client that polls. limit applies, offset does not.",
    )


class CardOut(Schema):
    kind: RefKind
    id: uuid.UUID
    label: str
    title: str
    detail: str
    url: str


class MessageOut(PairOut):
    seq: int = Field(description="The message's place in the thread: 1, 2, 3...")
    author: PersonRef
    body: str = Field(description="Plain text; empty once deleted.")
    created_at: dt.datetime
    edited_at: dt.datetime | None
    deleted_at: dt.datetime | None
    editable_until: dt.datetime
    ref: CardOut | None = Field(
        description="The thing referred to, as it reads now; null when none, or deleted."
    )
    read_by: list[uuid.UUID] = Field(description="The other member, once they have read it.")

    @staticmethod
    def resolve_editable_until(obj: Message) -> dt.datetime:
        return obj.editable_until()

    @staticmethod
    def resolve_ref(obj: Message) -> Any:
        return getattr(obj, "card", None)

    @staticmethod
    def resolve_read_by(obj: Message) -> list[uuid.UUID]:
        return [p.public_id for p in getattr(obj, "read_by", [])]


class ReadOut(Schema):
    person: PersonRef
    last_read_seq: int
    read_at: dt.datetime | None


class MessagePage(Schema):
    items: list[MessageOut] = Field(description="Oldest first: the newest message is last.")
    count: int = Field(
        description="Of the thread; of a search, counted up to 1,000 (1,000 means 1,000 or more)."
    )
    last_seq: int = Field(description="The place of the newest message of the thread.")
    unread: int = Field(
        description="Messages from the other member you have not read (counted up to 1,000)."
    )
    reads: list[ReadOut]


class ReadAnswer(ReadOut):
    unread: int
