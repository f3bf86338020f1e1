from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "alongside.mentorships"
    label = "mentorships"
    default_auto_field = "django.db.models.BigAutoField"
