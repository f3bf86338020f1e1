from alongside.home import thread_actions, views

urlpatterns = [*views.routes, *thread_actions.routes]
