from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _


class SymbiosisConfig(AppConfig):
    name = "symbiosis"
    verbose_name = _("Site")

    def ready(self):
        from django.core import checks

        from symbiosis.addresses import check_site_url

        checks.register(check_site_url, checks.Tags.security, deploy=True)

        from symbiosis.middleware import bump_content_version
        from symbiosis.registry import scheduled_publications
        from symbiosis.versions.deletions import keep_before_delete

        def content_changed(sender, **kwargs):
            # An app whose saved or deleted rows show on public pages says so in its
            # AppConfig (`public_content = True`).
            if getattr(sender._meta.app_config, "public_content", False):
                # Only a model with scheduled publications (registered by its label)
                # can move the next scheduled moment: other rows skip that query
                # (deleting a partner's thousands of figures stays quick).
                bump_content_version(schedule=sender._meta.label in scheduled_publications)

        # Explicit and site-wide: any change to public content drops the page cache.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, weak=False, dispatch_uid=f"pages-{signal!r}")

        # Each daily task (retention) has its next night's run booked at every migrate.
        from django.db.models.signals import post_migrate

        from symbiosis.daily import book_daily_tasks

        post_migrate.connect(book_daily_tasks, sender=self, dispatch_uid="book-daily-tasks")

        # Every deletion of versioned content keeps a version to recover it from.
        pre_delete.connect(keep_before_delete, weak=False, dispatch_uid="history-before-delete")
