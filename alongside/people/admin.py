from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from alongside.lib.text import TextRulesAdmin
from alongside.people.models import ApiToken, Person


@admin.register(Person)
class PersonAdmin(TextRulesAdmin, UserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "open_to_mentor", "seeking_mentor", "is_staff", "last_active"]
    list_filter = ["open_to_mentor", "seeking_mentor", "is_staff", "is_active"]
    search_fields = ["email", "name"]
    readonly_fields = ["public_id", "last_active", "date_joined", "last_login"]
    fieldsets = (
        (None, {"fields": ("email", "password", "public_id")}),
        (
            "Profile",
            {"fields": ("name", "headline", "bio", "timezone", "skills", "interests", "languages")},
        ),
        (
            "Mentoring",
            {
                "fields": (
                    "open_to_mentor",
                    "mentor_capacity",
                    "seeking_mentor",
                    "channel",
                    "meeting_every_days",
                    "meeting_minutes",
                )
            },
        ),
        (
            "Access",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "last_active", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(TextRulesAdmin, admin.ModelAdmin):
    list_display = ["prefix", "person", "name", "created_at", "last_used_at", "expires_at"]
    readonly_fields = [
        "public_id",
        "person",
        "digest",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
    ]
    search_fields = ["person__email", "name"]
