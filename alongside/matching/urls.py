from alongside.matching import suggestions_views, views

urlpatterns = [*views.routes, *suggestions_views.routes]
