from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "alongside.notifications"
    label = "notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # What a person's data export holds of this app.
        from alongside.notifications import export  # noqa: F401
