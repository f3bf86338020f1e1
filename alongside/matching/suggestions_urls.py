from django.urls import path

from alongside.matching import suggestions_views

urlpatterns = [
    path(
        "programs/<str:program_id>/suggestions/",
        suggestions_views.suggestions,
        name="program_suggestions",
    ),
    path(
        "programs/<str:program_id>/suggestions/request/",
        suggestions_views.suggestion_request,
        name="program_suggestion_request",
    ),
]
