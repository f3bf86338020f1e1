from django.urls import path, re_path

from alongside.goals import views, views_edit

urlpatterns = [
    path("mentorships/<str:mentorship_id>/goals/new/", views.goal_new, name="goal_new"),
    path("goals/<str:goal_id>/", views.goal_detail, name="goal"),
    path("goals/<str:goal_id>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<str:goal_id>/status/", views.goal_status, name="goal_status"),
    path("goals/<str:goal_id>/milestones/", views.milestone_add, name="milestone_add"),
    path("goals/<str:goal_id>/comments/", views.comment_add, name="goal_comment"),
    path("goals/<str:goal_id>/suggest/", views.suggest, name="goal_suggest"),
    path("comments/<str:thing_id>/edit/", views_edit.comment_edit, name="comment_edit"),
    path("comments/<str:thing_id>/delete/", views_edit.comment_delete, name="comment_delete"),
    re_path(
        r"^milestones/(?P<milestone_id>[^/]+)/(?P<action>complete|reopen|delete|up|down)/$",
        views.milestone_action,
        name="milestone_action",
    ),
    re_path(
        r"^suggestions/(?P<suggestion_id>[^/]+)/(?P<action>accept|decline)/$",
        views.suggestion_decide,
        name="suggestion_decide",
    ),
]
