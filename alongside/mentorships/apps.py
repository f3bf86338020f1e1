from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "alongside.mentorships"
    label = "mentorships"

    def ready(self) -> None:
        # What a person's data export holds of this app, and how the pair's timeline shows
        # this app's things.
        from alongside.mentorships import export, timeline  # noqa: F401
