from django.urls import path

from alongside.growth import report, views, views_edit

urlpatterns = [
    path("mentorships/<str:mentorship_id>/growth/", views.growth, name="growth"),
    path("mentorships/<str:mentorship_id>/checkins/", views.checkin, name="checkin_add"),
    path("mentorships/<str:mentorship_id>/skills/", views.choose_skills, name="skills_choose"),
    path("checkins/<str:checkin_id>/reply/", views.reply, name="checkin_reply"),
    path("mentorships/<str:mentorship_id>/timeline/", views.timeline, name="timeline"),
    path("mentorships/<str:mentorship_id>/thanks/", views.appreciate, name="appreciate"),
    path("mentorships/<str:mentorship_id>/celebrate/", views.celebrate, name="celebrate"),
    path("mentorships/<str:mentorship_id>/resources/", views.resources, name="resources"),
    path(
        "mentorships/<str:mentorship_id>/resources/share/",
        views.share_resource,
        name="resource_share",
    ),
    path("resources/<str:resource_id>/respond/", views.respond, name="resource_respond"),
    path("journal/", views.journal, name="journal"),
    path("journal/<str:entry_id>/share/", views.journal_share, name="journal_share"),
    path("journal/<str:thing_id>/edit/", views_edit.journal_edit, name="journal_edit"),
    path("journal/<str:thing_id>/delete/", views_edit.journal_delete, name="journal_delete"),
    path("journal/<str:entry_id>/unshare/", views_edit.journal_unshare, name="journal_unshare"),
    path("thanks/<str:thing_id>/edit/", views_edit.appreciation_edit, name="appreciation_edit"),
    path(
        "thanks/<str:thing_id>/delete/", views_edit.appreciation_delete, name="appreciation_delete"
    ),
    path("resources/<str:thing_id>/edit/", views_edit.resource_edit, name="resource_edit"),
    path("resources/<str:thing_id>/delete/", views_edit.resource_delete, name="resource_delete"),
    path("checkins/<str:thing_id>/edit/", views_edit.checkin_edit, name="checkin_edit"),
    path("checkins/<str:thing_id>/delete/", views_edit.checkin_delete, name="checkin_delete"),
    path("checkins/<str:thing_id>/reply/edit/", views_edit.reply_edit, name="reply_edit"),
    path("checkins/<str:thing_id>/reply/delete/", views_edit.reply_delete, name="reply_delete"),
    path("mentorships/<str:mentorship_id>/report/", report.report_page, name="report"),
    path("mentorships/<str:mentorship_id>/report.pdf", report.report_pdf, name="report_pdf"),
]
