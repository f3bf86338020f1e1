from django.urls import path

from alongside.privacy import views

urlpatterns = [
    path("profile/export/", views.export_page, name="privacy_export"),
    path(
        "profile/export/<str:export_id>/download/",
        views.export_download,
        name="privacy_export_download",
    ),
    path("profile/delete/", views.delete_page, name="privacy_delete"),
]
