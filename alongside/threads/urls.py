from alongside.threads import views

urlpatterns = [*views.routes]
