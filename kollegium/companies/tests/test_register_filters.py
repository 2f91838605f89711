"""kollegium import_register's filters: each alone, combined, and --update-only."""

import pytest
from django.core.management.base import CommandError

from kollegium.companies.models import Company, RegisterEntry
from kollegium.companies.tests.factories import CompanyFactory
from kollegium.companies.tests.register_samples import EXCERPT, run_import

pytestmark = pytest.mark.django_db

OPPDAL = {"913551575", "928276627", "919045434", "999229875"}
ORKLAND = {"927988917", "922919119"}
TRONDHEIM = {"930657298", "984423713", "931466941", "983998631", "930559709"}


def _imported() -> set[str]:
    return set(Company.objects.values_list("org_number", flat=True))


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"municipality": "5021,5059"}, OPPDAL | ORKLAND),
        ({"county": "50"}, OPPDAL | ORKLAND | TRONDHEIM | {"918753052"}),
        # SN2007 68.2 (real estate) by prefix; the file's own standard.
        ({"industry": "68.2"}, {"919045434", "982961041"}),
        ({"industry": "62,63"}, {"931466941", "984423713"}),
        # A section letter: SN2007 S (other services) holds 94.
        ({"industry": "S"}, {"913551575", "922919119"}),
        ({"org_form": "esek,fli"}, {"999229875", "927988917", "922919119"}),
        (
            {"municipality": "5001", "org_form": "AS"},
            {"930657298", "984423713", "931466941", "930559709"},
        ),
    ],
    ids=["municipality", "county", "industry", "two-industries", "section", "org-form", "both"],
)
def test_it_imports_only_what_the_filters_let_through(options, expected):
    out, _err = run_import(EXCERPT, quiet=True, **options)
    assert _imported() == expected
    assert set(RegisterEntry.objects.values_list("org_number", flat=True)) == expected
    assert "read                                            14" in out
    assert f"matched the filter{len(expected):>32}" in out


def test_it_imports_the_org_numbers_listed_in_a_file(tmp_path):
    listed = tmp_path / "numbers.txt"
    listed.write_text("# our companies\n984 423 713\n\n931466941  # Optitrails\n")
    run_import(EXCERPT, quiet=True, org_numbers=str(listed))
    assert _imported() == {"984423713", "931466941"}


def test_it_refuses_an_org_number_file_with_bad_lines(tmp_path):
    listed = tmp_path / "numbers.txt"
    listed.write_text("984423713\n984423714\n")
    with pytest.raises(CommandError, match="line 2: '984423714'"):
        run_import(EXCERPT, quiet=True, org_numbers=str(listed))
    assert not Company.objects.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"municipality": "50"}, "Not municipality: 50"),
        ({"county": "5001"}, "Not a county number: 5001"),
        ({"industry": "6x"}, "Not an industry code: 6X"),
    ],
)
def test_it_refuses_malformed_filter_values(options, message):
    with pytest.raises(CommandError, match=message):
        run_import(EXCERPT, quiet=True, **options)


def test_update_only_updates_known_companies_and_creates_none():
    mine = CompanyFactory(org_number="984423713", name="ZXY", nace="", municipality="")
    out, _err = run_import(EXCERPT, quiet=True, update_only=True)
    assert _imported() == {"984423713"}
    mine.refresh_from_db()
    assert (mine.name, mine.municipality) == ("ZXY SPORT TRACKING AS", "5001")
    # The register data of the others is kept for the company form.
    assert RegisterEntry.objects.count() == 14
    assert "not in Kollegium (register data kept)" in out
    assert "updated                                          1" in out


def test_update_only_combines_with_the_other_filters():
    CompanyFactory(org_number="984423713")
    CompanyFactory(org_number="876077922")  # in Oslo
    run_import(EXCERPT, quiet=True, update_only=True, county="50")
    assert set(RegisterEntry.objects.values_list("org_number", flat=True)) == (
        OPPDAL | ORKLAND | TRONDHEIM | {"918753052"}
    )
    assert Company.objects.get(org_number="876077922").register_updated_at is None
    assert Company.objects.get(org_number="984423713").register_updated_at is not None
