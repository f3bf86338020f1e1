from django.apps import AppConfig


class ThreadsConfig(AppConfig):
    # Not "messages": that label is django.contrib.messages'.
    name = "alongside.threads"
    label = "threads"
    default_auto_field = "django.db.models.BigAutoField"
