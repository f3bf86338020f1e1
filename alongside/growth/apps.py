from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "alongside.growth"
    label = "growth"
    default_auto_field = "django.db.models.BigAutoField"
