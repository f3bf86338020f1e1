from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from alongside.lib.schemas import In, Out, Page
from alongside.lib.text import MultiLine


class DeleteIn(In):
    password: Annotated[str, MultiLine] = Field(
        max_length=256, description="Your current password: the confirmation."
    )


class ExportOut(Out):
    status: str = Field(description="pending (being prepared), ready or failed")
    created_at: datetime
    ready_at: datetime | None
    expires_at: datetime = Field(description="After this, the export is deleted.")
    size: int = Field(description="Bytes of the zip, once ready.")
    download_url: str | None = Field(description="Where to download it, once ready.")

    @staticmethod
    def resolve_download_url(obj: Any) -> str | None:
        if obj.status != "ready":
            return None
        return f"/api/v1/me/exports/{obj.public_id}/download"


class ExportPage(Page):
    items: list[ExportOut]
