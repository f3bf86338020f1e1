from django.db import models
from django.utils import timezone as tz

from alongside.lib.public_id import HasPublicId


class Written(HasPublicId):
    """Something a person wrote and may correct (lib/edits.py): a note, a comment, a
    check-in, a message. Who wrote it and where it belongs are each model's own (they differ
    in what happens when the author or the pair goes)."""

    created_at = models.DateTimeField(default=tz.now)
    # When its author last changed it; the other member sees "edited".
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta(HasPublicId.Meta):
        abstract = True
