from alongside.programs import invitation_views, views

urlpatterns = [*views.routes, *invitation_views.routes]
