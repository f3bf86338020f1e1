from django.contrib import admin

from alongside.lib.text import TextRulesAdmin
from alongside.programs.models import Enrollment, Program


@admin.register(Program)
class ProgramAdmin(TextRulesAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "enrollment", "matching", "starts_on", "ends_on"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["admins"]


@admin.register(Enrollment)
class EnrollmentAdmin(TextRulesAdmin, admin.ModelAdmin):
    list_display = ["person", "program", "role", "status", "capacity", "created_at"]
    list_filter = ["role", "status"]
    search_fields = ["person__email", "person__name", "program__name"]
    raw_id_fields = ["person", "program"]
