from alongside.insights import views

urlpatterns = [*views.routes]
