from alongside.notifications import views

urlpatterns = [*views.routes]
