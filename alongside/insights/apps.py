from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Program insights: the admins' dashboard, the pairs at risk, the exports and the
    end-of-program survey. It reads many features (pairs, goals, meetings, growth), so it
    sits just under home in the layers; counts and aggregates only, never a pair's words."""

    name = "alongside.insights"
    label = "insights"
    default_auto_field = "django.db.models.BigAutoField"
