from django.urls import path, re_path

from alongside.matching import views

RUN = "programs/<str:program_id>/matching/<str:run_id>/"

urlpatterns = [
    path("programs/<str:program_id>/matching/", views.run_list, name="matching_runs"),
    path(RUN, views.run_detail, name="matching_run"),
    path(RUN + "rerun/", views.run_rerun, name="matching_rerun"),
    path(RUN + "publish/", views.run_publish, name="matching_publish"),
    path(RUN + "pairs/<str:mentee_id>/", views.pair_detail, name="matching_pair"),
    re_path(
        r"^programs/(?P<program_id>[^/]+)/matching/(?P<run_id>[^/]+)/pairs/(?P<mentee_id>[^/]+)/"
        r"(?P<action>lock|unlock)/$",
        views.pair_lock,
        name="matching_pair_lock",
    ),
    path(RUN + "pairs/<str:mentee_id>/swap/", views.pair_swap, name="matching_pair_swap"),
]
