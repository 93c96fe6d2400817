"""The Celery application.

With no CELERY_BROKER_URL, settings make every task run in-process (eager); with one,
tasks go to real workers with late acknowledgement, so a worker that dies mid-task
leaves the task to be delivered again.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("qalam")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
