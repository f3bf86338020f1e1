from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "alongside.meetings"
    label = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Tell the pair's timeline how to show this app's things.
        # What a person's data export holds of this app.
        from alongside.meetings import (
            export,  # noqa: F401
            timeline,  # noqa: F401
        )
