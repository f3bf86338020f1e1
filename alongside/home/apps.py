from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The top layer: pages and jobs that gather from many apps (the home page, the pair's
    page, the reminder sweep). It may import any app; no app imports it."""

    name = "alongside.home"
    label = "home"

    def ready(self) -> None:
        # Tell the message thread how the things a message refers to read, and what a
        # message can become (threads may not import goals, meetings or growth).
        from alongside.home import cards  # noqa: F401
