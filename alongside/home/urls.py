from django.urls import path

from alongside.home import thread_actions, views

urlpatterns = [
    path("", views.home, name="home"),
    path("mentorships/<str:mentorship_id>/", views.mentorship_detail, name="mentorship"),
    path(
        "messages/<str:message_id>/action-item/",
        thread_actions.action_item,
        name="message_action_item",
    ),
    path("messages/<str:message_id>/agenda/", thread_actions.agenda, name="message_agenda"),
]
