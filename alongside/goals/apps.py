from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "alongside.goals"
    label = "goals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Tell the pair's timeline how to show this app's things.
        # What a person's data export holds of this app.
        from alongside.goals import (
            export,  # noqa: F401
            timeline,  # noqa: F401
        )
