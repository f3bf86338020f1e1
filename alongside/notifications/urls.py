from django.urls import path

from alongside.notifications import views

urlpatterns = [
    path("notifications/", views.inbox, name="notifications"),
    path("notifications/read-all/", views.read_all, name="notifications_read_all"),
    path("notifications/settings/", views.preferences, name="notification_settings"),
    path("notifications/<str:notification_id>/open/", views.open_one, name="notification_open"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
