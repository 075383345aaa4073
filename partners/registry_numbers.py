"""The numbers that name a Danish organisation in public registers.

- **CVR** (Det Centrale Virksomhedsregister): eight digits, the first not 0, whose
  weighted sum with the weights 2 7 6 5 4 3 2 1 is divisible by 11 (the modulus-11
  rule of the register). It catches a mistyped digit and most swapped pairs.
- **NACE** (the EU's classification of economic activities, in Denmark DB07): a
  division of two digits, then optionally a group and a class, e.g. 20, 20.1, 20.14
  (DB07's six-digit sub-classes, 20.14.00, too).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
NACE = re.compile(r"^\d{2}(\.\d{1,2}(\.\d{2})?)?$")


def normalise_cvr(value):
    """The digits of a CVR number as people write it: "DK-12 34 56 78" → "12345678"."""
    text = re.sub(r"[\s.-]", "", str(value)).upper().removeprefix("DK")
    return text


def cvr_is_valid(digits):
    if not re.fullmatch(r"[1-9]\d{7}", digits):
        return False
    return sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11 == 0


def validate_cvr(value):
    if not cvr_is_valid(normalise_cvr(value)):
        raise ValidationError(
            _("A CVR number is eight digits and this one does not check out; please look again."),
            code="cvr",
        )


def validate_nace(value):
    if value and not NACE.match(value.strip()):
        raise ValidationError(
            _("Write the industry code as digits, e.g. 20.14 (NACE/DB07)."), code="nace"
        )
