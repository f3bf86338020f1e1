import uuid

from django.db import models


class HasPublicId(models.Model):
    """A row that pages, the API and emails name by `public_id`: a random UUID, so that the
    primary key (which counts rows) never leaves the server."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True
