from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "alongside.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # What a person's data export holds of this app (the registry lives there too).
        from alongside.people import export  # noqa: F401
