import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kollegium.indicators.numbers import format_nok, parse_amount, parse_whole_number
from kollegium.indicators.templatetags.key_figures import count, percent


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("1 234 567", 1234567),
        ("1\u00a0234\u00a0567", 1234567),
        ("1\u202f234\u202f567", 1234567),
        ("1234567,00", 1234567),
        ("1 234 567,49", 1234567),
        ("1234567,50", 1234568),
        ("-12 000", -12000),
        ("\u221212 000", -12000),
        ("(12 000)", -12000),
        ("1.234.567", 1234567),
        ("1,234,567", 1234567),
        ("1.234.567,50", 1234568),
        ("1,234,567.50", 1234568),
        ("1234567.5", 1234568),
        ("kr 1 234 567", 1234567),
        ("1 234 567 kr", 1234567),
        ("NOK 1234567", 1234567),
        ("1234,-", 1234),
        ("0", 0),
        (1234567, 1234567),
        (1234567.0, 1234567),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_it_reads_amounts_written_the_norwegian_way(written, amount):
    assert parse_amount(written) == amount


@pytest.mark.parametrize(
    "written", ["12,000", "1.234", "abc", "12 000 000 abc", "1e6", "-", "1,2,3"]
)
def test_it_refuses_what_is_not_a_number_or_is_ambiguous(written):
    with pytest.raises(ValidationError):
        parse_amount(written)


def test_it_says_why_a_thousands_separator_alone_is_refused():
    with pytest.raises(ValidationError) as caught:
        parse_amount("12,000")
    assert "12,000" in caught.value.messages[0]


def test_it_wants_whole_numbers_of_employees():
    assert parse_whole_number("12") == 12
    assert parse_whole_number("12,0") == 12
    assert parse_whole_number(12.0) == 12
    with pytest.raises(ValidationError):
        parse_whole_number("2,5")


def test_it_formats_kroner_as_the_locale_writes_them():
    with translation.override("nb"):
        assert format_nok(1234567) == "1\u00a0234\u00a0567\u00a0kr"
        assert format_nok(-12000) == "-12\u00a0000\u00a0kr"
        assert count(1234) == "1\u00a0234"
        assert percent(0.125 * 100) == "+12,5\u00a0%"
    with translation.override("en"):
        assert format_nok(1234567) == "NOK\u00a01,234,567"
        assert format_nok(-12000) == "-NOK\u00a012,000"
        assert percent(-50.0) == "-50.0%"
    assert format_nok(None) == "—"
