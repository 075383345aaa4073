from django.db import models
from django.utils.translation import gettext_lazy as _


class CspReport(models.Model):
    """One kind of Content-Security-Policy violation browsers reported, counted.

    Aggregate only: the page (without its query string), the directive, and the origin
    of what was blocked. Nothing about who saw it: no address, no browser, no full URL.
    """

    document_uri = models.CharField(_("page"), max_length=500)
    violated_directive = models.CharField(_("violated directive"), max_length=100)
    blocked_uri = models.CharField(
        _("blocked"),
        max_length=200,
        help_text=_("Where the blocked resource came from: a site's address, inline or eval."),
    )
    count = models.PositiveIntegerField(_("reports"), default=1)
    first_seen = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("CSP violation report")
        verbose_name_plural = _("CSP violation reports")
        constraints = [
            models.UniqueConstraint(
                fields=["document_uri", "violated_directive", "blocked_uri"],
                name="csp_report_one_row_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.violated_directive}: {self.blocked_uri} ({self.document_uri})"
