from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "alongside.growth"
    label = "growth"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Tell the pair's timeline how to show this app's things.
        # What a person's data export holds of this app.
        from alongside.growth import (
            export,  # noqa: F401
            timeline,  # noqa: F401
        )
