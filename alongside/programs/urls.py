from django.urls import path

from alongside.programs import invitation_views, views

urlpatterns = [
    path("programs/", views.program_list, name="programs"),
    path("programs/new/", views.program_new, name="program_new"),
    path("join/<str:token>/", invitation_views.program_join, name="program_join"),
    path("programs/<str:program_id>/", views.program_detail, name="program"),
    path("programs/<str:program_id>/settings/", views.program_settings, name="program_settings"),
    path("programs/<str:program_id>/admins/", views.program_admins, name="program_admins"),
    path("programs/<str:program_id>/enroll/", views.program_enroll, name="program_enroll"),
    path("programs/<str:program_id>/import/", views.program_import, name="program_import"),
    path("programs/<str:program_id>/audit/", views.program_audit, name="program_audit"),
    path(
        "programs/<str:program_id>/invitations/",
        invitation_views.program_invitations,
        name="program_invitations",
    ),
    path(
        "programs/<str:program_id>/invitations/link/",
        invitation_views.program_invite_link,
        name="program_invite_link",
    ),
]
