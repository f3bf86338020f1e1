from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "alongside.goals"
    label = "goals"

    def ready(self) -> None:
        # What a person's data export holds of this app, and how the pair's timeline shows
        # this app's things.
        from alongside.goals import export, timeline  # noqa: F401
