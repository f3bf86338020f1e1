from django.urls import path, re_path

from alongside.mentorships import views

urlpatterns = [
    path("people/<str:person_id>/request/", views.request_mentorship, name="request_mentorship"),
    path(
        "mentorships/<str:mentorship_id>/agreement/",
        views.agreement,
        name="mentorship_agreement",
    ),
    path(
        "mentorships/<str:mentorship_id>/agreement/acknowledge/",
        views.agreement_acknowledge,
        name="mentorship_agreement_acknowledge",
    ),
    re_path(
        r"^mentorships/(?P<mentorship_id>[^/]+)/(?P<action>accept|decline|withdraw|confirm|reopen)/$",
        views.transition,
        name="mentorship_transition",
    ),
    path("mentorships/<str:mentorship_id>/end/", views.end, name="mentorship_end"),
    path("mentorships/<str:mentorship_id>/complete/", views.complete, name="mentorship_complete"),
    path(
        "mentorships/<str:mentorship_id>/complete/decline/",
        views.transition,
        {"action": "complete_decline"},
        name="mentorship_complete_decline",
    ),
    path("mentorships/<str:mentorship_id>/unreachable/", views.unreachable, name="unreachable"),
]
