"""The CVR and NACE checks, as plain functions: no database."""

import pytest
from django.core.exceptions import ValidationError

from partners.registry_numbers import cvr_is_valid, normalise_cvr, validate_cvr, validate_nace


def test_a_real_cvr_number_passes_the_modulus_11_rule():
    assert cvr_is_valid("24256790")


@pytest.mark.parametrize(
    "digits",
    [
        "12345678",  # one digit off
        "24256709",  # the last two swapped
        "01000004",  # the weighted sum is right, but no CVR number starts with 0
        "2425679",  # seven digits
        "242567900",  # nine
        "2425679O",  # a letter O for a zero
    ],
)
def test_numbers_that_are_no_cvr_number_fail(digits):
    assert not cvr_is_valid(digits)


@pytest.mark.parametrize(
    "written",
    ["24256790", "DK24256790", "dk24256790", "24 25 67 90", "DK-24 25 67 90", "24.25.67.90"],
)
def test_people_write_cvr_numbers_with_dk_and_spaces(written):
    assert normalise_cvr(written) == "24256790"
    validate_cvr(written)  # does not raise


def test_an_invalid_cvr_number_says_so():
    with pytest.raises(ValidationError) as raised:
        validate_cvr("12345678")
    assert raised.value.code == "cvr"


@pytest.mark.parametrize("code", ["20", "20.1", "20.14", "20.14.00", " 20.14 ", ""])
def test_nace_codes_from_division_to_db07_subclass(code):
    validate_nace(code)  # does not raise


@pytest.mark.parametrize("code", ["2", "20.", "20.145", "2014", "kemi", "20,14"])
def test_other_industry_codes_are_refused(code):
    with pytest.raises(ValidationError):
        validate_nace(code)
