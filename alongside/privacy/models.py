import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone as tz

from alongside.lib.public_id import HasPublicId


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class Export(HasPublicId):
    """A zip of a person's data, built by the worker, kept EXPORT_DAYS for its owner alone.

    The file lives under EXPORTS_DIR, named by the public id (never served as a static
    file: only the download view reads it, for its owner)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    status = models.CharField(
        max_length=8, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    created_at = models.DateTimeField(default=tz.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    # The sweep deletes the file and the row from then on; a download then is a 404.
    expires_at = models.DateTimeField(db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"Export {self.public_id} ({self.status})"

    @property
    def file_name(self) -> str:
        return f"{self.public_id}.zip"

    def is_live(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at > (now or tz.now())
