from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "alongside.programs"
    label = "programs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # What a person's data export holds of this app.
        from alongside.programs import export  # noqa: F401
