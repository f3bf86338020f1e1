from django.urls import path

from alongside.programs import views

urlpatterns = [
    path("programs/", views.program_list, name="programs"),
    path("programs/<str:program_id>/", views.program_detail, name="program"),
    path("programs/<str:program_id>/enroll/", views.program_enroll, name="program_enroll"),
    path("programs/<str:program_id>/import/", views.program_import, name="program_import"),
]
