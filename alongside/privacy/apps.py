from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """A person's data rights: the export of everything they may read, and the deletion
    of their account. It reads every feature, so it sits at the top, under home (whose
    sweep removes expired exports); no app imports it. What each app contributes to an
    export is registered by that app (alongside.people.export)."""

    name = "alongside.privacy"
    label = "privacy"
