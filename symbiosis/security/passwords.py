import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The first words anyone guessing a password here would try.
LOCAL_WORDS = (
    "kalundborg",
    "symbiosen",
    "symbiose",
    "symbiosis",
    "sekretariatet",
    "sekretariat",
    "secretariat",
    "adgangskode",
    "password",
    "admin",
)


class LocalWordsValidator:
    """Refuse a password that is only the site's own names with digits or signs
    around them ("Kalundborg2025!", "symbiose-symbiose"): little is left to guess
    once those words are taken out."""

    def __init__(self, min_rest=4):
        self.min_rest = min_rest

    def validate(self, password, user=None):
        lowered = password.lower()
        rest = lowered
        for word in LOCAL_WORDS:
            rest = rest.replace(word, "")
        if rest != lowered and len(re.sub(r"[\W\d_]", "", rest)) < self.min_rest:
            raise ValidationError(
                _(
                    "This password is mostly a word everyone connects with the site, such as "
                    "“Kalundborg”. Use a longer sentence or several unrelated words."
                ),
                code="password_local_word",
            )

    def get_help_text(self):
        return _("Your password cannot be the site's own name with a few digits or signs.")
