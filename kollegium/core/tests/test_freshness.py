"""Table versions and the fragments kept by them (core/freshness.py), on SQLite and PostgreSQL."""

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import translation

from kollegium.core import freshness
from kollegium.core.models import TableVersion
from kollegium.network.models import CompetenceArea, Garden
from kollegium.network.tests.factories import CompetenceAreaFactory, GardenFactory

GARDENS, AREAS = "network_garden", "network_competencearea"


def version(table: str) -> int:
    return freshness.versions([table])[0]


@pytest.fixture(autouse=True)
def _empty_cache():
    caches[freshness.CACHE_ALIAS].clear()


@pytest.fixture
def cache_on(settings):
    settings.KOLLEGIUM_FRAGMENT_CACHE = True


def test_every_kind_of_write_bumps_its_table_once_committed(db, django_capture_on_commit_callbacks):
    before = version(GARDENS)
    with django_capture_on_commit_callbacks(execute=True):
        garden = GardenFactory()
    with django_capture_on_commit_callbacks(execute=True):
        Garden.objects.filter(pk=garden.pk).update(name="Ny hage")
    with django_capture_on_commit_callbacks(execute=True):
        Garden.objects.bulk_create([Garden(slug="bulk", name="Bulk", municipality="5001")])
    with django_capture_on_commit_callbacks(execute=True):
        Garden.objects.filter(slug="bulk").delete()

    assert version(GARDENS) == before + 4


def test_one_transaction_bumps_each_table_it_wrote_in_one_statement(
    db, django_capture_on_commit_callbacks
):
    gardens, areas = version(GARDENS), version(AREAS)
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        GardenFactory()
        GardenFactory()
        CompetenceAreaFactory()

    bumps = [c for c in callbacks if isinstance(c, freshness._Bump)]
    assert len(bumps) == 1 and bumps[0].tables == {GARDENS, AREAS}
    bumps[0]()
    assert (version(GARDENS), version(AREAS)) == (gardens + 1, areas + 1)


def test_a_rolled_back_write_bumps_nothing(db, django_capture_on_commit_callbacks):
    before = version(GARDENS)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                GardenFactory()
                raise RuntimeError
        except RuntimeError:
            pass

    assert version(GARDENS) == before


@pytest.mark.django_db(transaction=True)
def test_a_real_commit_bumps_after_the_transaction(settings):
    settings.TESTING = False  # the production path: only a commit bumps
    before = version(GARDENS)
    with transaction.atomic():
        GardenFactory()
        # Nothing is bumped while the transaction runs: no lock on the version row.
        assert version(GARDENS) == before
    assert version(GARDENS) == before + 1
    GardenFactory()  # autocommit: bumped at once
    assert version(GARDENS) == before + 2
    assert TableVersion.objects.filter(name=freshness.TABLE).count() == 0


def test_a_fragment_is_reused_until_a_table_it_declares_changes(db, cache_on):
    """In tests, writes bump when versions are next read (tests never commit)."""
    GardenFactory(name="Orkdal")
    renders = []

    def render():
        renders.append(1)
        return ", ".join(Garden.objects.order_by("name").values_list("name", flat=True))

    first = freshness.fragment("gardens", [Garden], render)
    again = freshness.fragment("gardens", [Garden], render)
    CompetenceAreaFactory()  # a table the fragment does not read
    unrelated = freshness.fragment("gardens", [Garden], render)
    GardenFactory(name="Røros")
    changed = freshness.fragment("gardens", [Garden], render)

    assert first == again == unrelated == "Orkdal"
    assert changed == "Orkdal, Røros"
    assert len(renders) == 2


def test_a_fragment_is_kept_per_language_and_per_vary(db, cache_on):
    def render():
        return translation.get_language()

    with translation.override("en"):
        english = freshness.fragment("lang", [Garden], render)
    with translation.override("nn"):
        nynorsk = freshness.fragment("lang", [Garden], render)
    assert (english, nynorsk) == ("en", "nn")
    assert freshness.fragment("v", [], lambda: "a", vary=(1,)) == "a"
    assert freshness.fragment("v", [], lambda: "b", vary=(2,)) == "b"


@pytest.mark.parametrize("cache", [True, False])
def test_a_fragment_that_reads_an_undeclared_table_fails(db, settings, cache):
    settings.KOLLEGIUM_FRAGMENT_CACHE = cache

    def render():
        return str(CompetenceArea.objects.count() + Garden.objects.count())

    with pytest.raises(freshness.UndeclaredRead, match="network_competencearea"):
        freshness.fragment("sneaky", [Garden], render)


def test_the_version_query_is_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        freshness.versions([GARDENS, AREAS, "never_written"])


def test_writes_are_tracked_on_every_connection(db):
    assert freshness.track_writes in connection.execute_wrappers


def test_touch_tables_marks_tables_changed_for_every_process(db):
    from django.core.management import call_command

    before = version(GARDENS)
    call_command("touch_tables", GARDENS)
    assert version(GARDENS) == before + 1
    call_command("touch_tables")
    assert version(GARDENS) == before + 2 and version(AREAS) >= 1


def test_an_api_answer_that_reads_an_undeclared_table_fails(db, rf):
    request = rf.get("/api/v1/gardens")
    with freshness.api_reads_checked(request):
        CompetenceArea.objects.count()  # before api_cached marks the request: not checked
    checked = freshness.api_reads_checked(request)
    with pytest.raises(freshness.UndeclaredRead, match="network_competencearea"), checked:
        request.fresh_declared = ("api.gardens", [GARDENS])
        list(Garden.objects.all())
        CompetenceArea.objects.count()


def test_a_kept_form_carries_each_browsers_own_csrf_token(db, cache_on, rf):
    from types import SimpleNamespace

    from django.middleware.csrf import CsrfViewMiddleware, _unmask_cipher_token

    company = SimpleNamespace(org_number="923609016")
    pages = []
    for _browser in range(2):
        request = rf.post("/")
        CsrfViewMiddleware(lambda r: None).process_request(request)
        html = freshness.form_fragment(
            "form", [], "companies/_letter_form.html", lambda: {"company": company}, request
        )
        token = html.split('value="')[1].split('"')[0]
        pages.append((request, token, html))

    (first, first_token, first_html), (second, second_token, _html) = pages
    assert freshness._token_stand_in() not in first_html
    assert _unmask_cipher_token(first_token) == first.META["CSRF_COOKIE"]
    assert _unmask_cipher_token(second_token) == second.META["CSRF_COOKIE"]
    assert first.META["CSRF_COOKIE"] != second.META["CSRF_COOKIE"]


def test_under_debug_an_undeclared_read_is_logged_and_the_page_still_shows(db, settings, caplog):
    settings.TESTING, settings.DEBUG = False, True

    html = freshness.fragment("sneaky", [Garden], lambda: str(CompetenceArea.objects.count()))

    assert html == "0"
    assert "network_competencearea" in caplog.text
