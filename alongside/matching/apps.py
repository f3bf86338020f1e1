from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "alongside.matching"
    label = "matching"
