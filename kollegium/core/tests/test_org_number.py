import pytest
from django.core.exceptions import ValidationError

from kollegium.core.validators import org_number_check_digit, validate_org_number


@pytest.mark.parametrize("number", ["923609016", "974760673", "923 609 016"])
def test_it_accepts_valid_org_numbers(number):
    validate_org_number(number)


@pytest.mark.parametrize("number", ["923609017", "974760672"])
def test_it_rejects_a_wrong_check_digit_with_a_clear_message(number):
    with pytest.raises(ValidationError) as exc:
        validate_org_number(number)
    assert exc.value.code == "org_number_check_digit"
    assert number in exc.value.messages[0]


@pytest.mark.parametrize("number", ["12345678", "1234567890", "92360901a", ""])
def test_it_rejects_anything_but_nine_digits(number):
    with pytest.raises(ValidationError) as exc:
        validate_org_number(number)
    assert exc.value.code == "org_number_format"


def test_it_knows_that_remainder_one_gives_no_valid_number():
    # 4 * 3 = 12, remainder 1: the check digit would be 10, which does not exist.
    assert org_number_check_digit("40000000") is None
    assert org_number_check_digit("92360901") == 6
