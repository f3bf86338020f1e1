from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "alongside.programs"
    label = "programs"

    def ready(self) -> None:
        # What a person's data export holds of this app.
        from alongside.programs import export  # noqa: F401
