from alongside.growth import report, views, views_edit

urlpatterns = [*views.routes, *views_edit.routes, *report.routes]
