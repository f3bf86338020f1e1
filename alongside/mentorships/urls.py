from alongside.mentorships import views

urlpatterns = [*views.routes]
