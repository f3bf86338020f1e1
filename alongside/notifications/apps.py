from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "alongside.notifications"
    label = "notifications"

    def ready(self) -> None:
        # What a person's data export holds of this app.
        from alongside.notifications import export  # noqa: F401
