"""The admin app, with the site of alongside/people/admin_site.py (its own module: an
app config is imported before any model may be)."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "alongside.people.admin_site.AlongsideAdminSite"
