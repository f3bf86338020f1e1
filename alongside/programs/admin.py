from django.contrib import admin

from alongside.programs.models import Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "enrollment", "matching", "starts_on", "ends_on"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["admins"]
