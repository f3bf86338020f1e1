from alongside.goals import views, views_edit

urlpatterns = [*views.routes, *views_edit.routes]
