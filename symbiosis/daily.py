"""Tasks that run every night by themselves, through the task worker.

Django's Tasks have no timetable, so each daily task books its own next run: the
worker runs `run_daily(key)`, which runs the registered task's function and then
enqueues itself again for the next night at DAILY_TASKS_HOUR (the site's time zone).
`book_daily_tasks()` (after every `migrate`, so at every deployment, and from
`manage.py db_worker`'s first run through the same signal) makes sure each registered
task has exactly one run waiting; a run that failed books the next one all the same,
so one bad night does not stop retention for good.

    # enquiries/retention.py
    @daily_tasks.register("enquiries.anonymise")
    def anonymise_expired(): ...
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from symbiosis.registry import daily_tasks

TASK_PATH = f"{__name__}.run_daily"


def next_run(now=None):
    """The next DAILY_TASKS_HOUR o'clock after `now`, in the site's time zone."""
    local = timezone.localtime(now)
    moment = datetime.combine(local.date(), time(settings.DAILY_TASKS_HOUR), local.tzinfo)
    if moment <= local:
        moment = datetime.combine(
            local.date() + timedelta(days=1), time(settings.DAILY_TASKS_HOUR), local.tzinfo
        )
    return moment


@task
def run_daily(key):
    """Run the daily task `key`, then book its next run (also when it failed)."""
    try:
        return daily_tasks[key]()
    finally:
        book(key)


def book(key, now=None):
    run_daily.using(run_after=next_run(now)).enqueue(key)


def waiting_keys():
    """Keys of the daily tasks that have a run waiting in the queue (due or not)."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY)
    return {row.args_kwargs["args"][0] for row in waiting if row.args_kwargs.get("args")}


def book_daily_tasks(using="default", **kwargs):
    """Book the next run of every registered daily task that has none waiting (a
    post_migrate receiver: the queue's table exists by then)."""
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    if kwargs.get("signal") is not None and not settings.DAILY_TASKS_BOOKED_AT_MIGRATE:
        return
    if DBTaskResult._meta.db_table not in connections[using].introspection.table_names():
        return
    waiting = waiting_keys()
    for key in daily_tasks:
        if key not in waiting:
            book(key)
