from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "alongside.people"
    label = "people"

    def ready(self) -> None:
        # What a person's data export holds of this app (the registry lives there too).
        from django.contrib.auth.signals import user_logged_in

        from alongside.people import export  # noqa: F401
        from alongside.people.sessions import record_login

        # The one hook every way of signing in passes through (see people/sessions.py).
        user_logged_in.connect(record_login, dispatch_uid="alongside.people.record_login")
