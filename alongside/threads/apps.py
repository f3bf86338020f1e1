from django.apps import AppConfig


class ThreadsConfig(AppConfig):
    # Not "messages": that label is django.contrib.messages'.
    name = "alongside.threads"
    label = "threads"

    def ready(self) -> None:
        # What a person's data export holds of this app.
        from alongside.threads import export  # noqa: F401
