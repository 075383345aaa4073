"""Amounts of money as a reader of each language expects them.

Danish: 11.999.467 kr. and 2.500.000 €; English: DKK 11,999,467 and €2,500,000.
Whole amounts without decimals, others with two. A no-break space keeps the currency
with its number. Amounts in different currencies are never added anywhere.
"""

from decimal import Decimal

from django.utils.formats import number_format

from symbiosis.bilingual import active_language

NBSP = "\u00a0"

PATTERNS = {
    "da": {"DKK": "{number}" + NBSP + "kr.", "EUR": "{number}" + NBSP + "€"},
    "en": {"DKK": "DKK" + NBSP + "{number}", "EUR": "€{number}"},
}


def format_money(amount, currency):
    amount = Decimal(amount)
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    patterns = PATTERNS.get(active_language(), PATTERNS["en"])
    return patterns[str(currency)].format(number=number)
