from alongside.privacy import views

urlpatterns = [*views.routes]
