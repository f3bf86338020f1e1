from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest, HttpResponse

from alongside.lib.text import TextRulesAdmin
from alongside.people.audit import audit
from alongside.people.models import MENTORING_FIELDS, ApiToken, AuditAction, AuditEvent, Person

# Changes in the admin that change what an account may do.
ROLE_FIELDS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")


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
        ("Mentoring", {"fields": MENTORING_FIELDS}),
        ("Access", {"fields": ROLE_FIELDS}),
        ("Dates", {"fields": ("last_login", "last_active", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        changed = [f for f in ROLE_FIELDS if f in form.changed_data]
        if change and changed:
            person = form.instance
            audit(
                AuditAction.ROLE_CHANGED,
                actor=request.user,  # type: ignore[arg-type]
                target=person,
                request=request,
                detail={
                    "fields": changed,
                    "is_staff": person.is_staff,
                    "is_superuser": person.is_superuser,
                    "is_active": person.is_active,
                },
            )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """A staff member setting someone's password: it is in the audit log (so nobody
        reads a person's content through a password set in secret), and the person's API
        tokens end with their old password."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            person = self.get_object(request, id)
            if person is not None:
                ApiToken.objects.filter(person=person).delete()
                audit(
                    AuditAction.PASSWORD_SET_BY_STAFF,
                    actor=request.user,  # type: ignore[arg-type]
                    target=person,
                    request=request,
                )
        return response


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


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, here as everywhere in the application."""

    list_display = ["at", "action", "actor", "target", "program_pk", "address"]
    list_filter = ["action"]
    search_fields = ["actor__email", "target__email", "address"]
    date_hierarchy = "at"
    readonly_fields = [
        "public_id",
        "at",
        "action",
        "actor",
        "target",
        "program_pk",
        "address",
        "user_agent",
        "detail",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
