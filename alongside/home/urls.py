from django.urls import path

from alongside.home import views

urlpatterns = [
    path("", views.home, name="home"),
    path("mentorships/<str:mentorship_id>/", views.mentorship_detail, name="mentorship"),
]
