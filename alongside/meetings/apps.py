from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "alongside.meetings"
    label = "meetings"

    def ready(self) -> None:
        # What a person's data export holds of this app, and how the pair's timeline shows
        # this app's things.
        from alongside.meetings import export, timeline  # noqa: F401
