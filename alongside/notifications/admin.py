from django.contrib import admin
from django_tasks_db.models import DBTaskResult

# Queued emails carry what a pair wrote to each other (a request's message, a thank-you
# note): the task queue is not for browsing, so it stays out of the admin site.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
