from django.urls import path

from alongside.growth import report, views

urlpatterns = [
    path("mentorships/<str:mentorship_id>/growth/", views.growth, name="growth"),
    path("mentorships/<str:mentorship_id>/checkins/", views.checkin, name="checkin_add"),
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
    path("mentorships/<str:mentorship_id>/report/", report.report_page, name="report"),
    path("mentorships/<str:mentorship_id>/report.pdf", report.report_pdf, name="report_pdf"),
]
