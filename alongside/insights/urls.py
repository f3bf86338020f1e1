from django.urls import path, re_path

from alongside.insights import views

urlpatterns = [
    path("programs/<str:program_id>/insights/", views.insights_page, name="insights"),
    path("programs/<str:program_id>/at-risk/", views.at_risk_page, name="insights_at_risk"),
    re_path(
        r"^programs/(?P<program_id>[^/]+)/pairs/(?P<mentorship_id>[^/]+)/"
        r"(?P<action>nudge|rematch|end)/$",
        views.pair_action,
        name="insights_pair_action",
    ),
    re_path(
        r"^programs/(?P<program_id>[^/]+)/exports/"
        r"(?P<kind>participants|pairs|aggregates)\.(?P<fmt>csv|xlsx)$",
        views.export_file,
        name="insights_export",
    ),
    path("programs/<str:program_id>/survey/send/", views.survey_send_page, name="survey_send"),
    path("mentorships/<str:mentorship_id>/survey/", views.survey_page, name="survey"),
]
