"""The kernel's own nightly retention (symbiosis/daily.py): the records of sent mail
and the worker's finished task results go after MAIL_RESULT_DAYS, as `manage.py
prune_mail` does by hand."""

from django.core.management import call_command

from symbiosis.registry import daily_tasks


@daily_tasks.register("symbiosis.prune_mail")
def prune_mail():
    call_command("prune_mail", verbosity=0)
