from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News, events and press")
    # Its rows show on public pages: saving or deleting one drops the page cache.
    public_content = True

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from news.models import PressAsset
        from news.press import press_assets_changed

        # A saved or deleted press asset: the worker builds the press kit again.
        for signal in (post_save, post_delete):
            signal.connect(press_assets_changed, sender=PressAsset, dispatch_uid=f"kit-{signal!r}")
