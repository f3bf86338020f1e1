from django.urls import path

from alongside.meetings import views, views_edit

urlpatterns = [
    path("mentorships/<str:mentorship_id>/meetings/new/", views.schedule, name="meeting_new"),
    path("meetings/<str:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<str:meeting_id>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<str:meeting_id>/edit/", views.reschedule, name="meeting_edit"),
    path("meetings/<str:meeting_id>/cancel/", views.cancel, name="meeting_cancel"),
    path("meetings/<str:meeting_id>/agenda/", views.agenda_add, name="agenda_add"),
    path("meetings/<str:meeting_id>/notes/", views.note_add, name="note_add"),
    path("meetings/<str:meeting_id>/action-items/", views.action_item_add, name="action_add"),
    path("meetings/<str:meeting_id>/feedback/", views.feedback_give, name="feedback_give"),
    path("agenda/<str:item_id>/cover/", views.agenda_cover, name="agenda_cover"),
    path("action-items/<str:item_id>/complete/", views.action_item_complete, name="action_done"),
    path("agenda/<str:thing_id>/edit/", views_edit.agenda_edit, name="agenda_edit"),
    path("agenda/<str:thing_id>/delete/", views_edit.agenda_delete, name="agenda_delete"),
    path("agenda/<str:item_id>/uncover/", views_edit.agenda_uncover, name="agenda_uncover"),
    path("notes/<str:thing_id>/edit/", views_edit.note_edit, name="note_edit"),
    path("notes/<str:thing_id>/delete/", views_edit.note_delete, name="note_delete"),
    path("action-items/<str:thing_id>/edit/", views_edit.action_item_edit, name="action_edit"),
    path(
        "action-items/<str:thing_id>/delete/", views_edit.action_item_delete, name="action_delete"
    ),
    path("action-items/<str:item_id>/reopen/", views_edit.action_item_reopen, name="action_reopen"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/<str:person_id>/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
