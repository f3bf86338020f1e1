from django.apps import AppConfig
from django.core import checks

from alongside.lib.squashes import check_squashes


class AlongsideConfig(AppConfig):
    """The project itself: its templates (registration/*) and the checks that concern every
    app (a database migrated only part of the way to a squash is refused at `migrate`)."""

    name = "alongside"

    def ready(self) -> None:
        checks.register(check_squashes, checks.Tags.database)
