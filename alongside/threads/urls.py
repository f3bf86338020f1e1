from django.urls import path

from alongside.threads import views

urlpatterns = [
    path("mentorships/<str:mentorship_id>/messages/", views.thread, name="thread"),
    path("mentorships/<str:mentorship_id>/messages/read/", views.mark_read, name="thread_read"),
    path(
        "mentorships/<str:mentorship_id>/messages/updates/",
        views.updates,
        name="thread_updates",
    ),
    path("messages/<str:message_id>/edit/", views.edit, name="message_edit"),
    path("messages/<str:message_id>/delete/", views.delete, name="message_delete"),
]
