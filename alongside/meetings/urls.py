from alongside.meetings import views, views_edit

urlpatterns = [*views.routes, *views_edit.routes]
