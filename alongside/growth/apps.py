from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "alongside.growth"
    label = "growth"

    def ready(self) -> None:
        # What a person's data export holds of this app, and how the pair's timeline shows
        # this app's things.
        from alongside.growth import export, timeline  # noqa: F401
