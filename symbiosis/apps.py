from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _

# Apps whose saved or deleted rows show on public pages.
CONTENT_APPS = {"partners", "exchanges", "news", "pages", "timeline", "projects", "network"}


class SymbiosisConfig(AppConfig):
    name = "symbiosis"
    verbose_name = _("Site")

    def ready(self):
        from symbiosis.middleware import bump_content_version
        from symbiosis.versions.deletions import keep_before_delete

        def content_changed(sender, **kwargs):
            if sender._meta.app_label in CONTENT_APPS:
                # Only an article can move the next scheduled moment: other rows skip
                # that query (deleting a partner's thousands of figures stays quick).
                bump_content_version(schedule=sender._meta.label == "news.Article")

        # Explicit and site-wide: any change to public content drops the page cache.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, weak=False, dispatch_uid=f"pages-{signal!r}")

        # Every deletion of versioned content keeps a version to recover it from.
        pre_delete.connect(keep_before_delete, weak=False, dispatch_uid="history-before-delete")
