"""The ranking behind "who can help?", the API and the batch command."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kollegium.matching import services
from kollegium.matching.models import Synonym
from kollegium.matching.ranking import match
from kollegium.matching.tests.helpers import area, keys, person
from kollegium.methods.tests.factories import MethodFactory
from kollegium.programme.tests.factories import EventFactory, in_days


@pytest.fixture
def finance(db):
    return area("finans", "Finansiering og virkemidler")


@pytest.fixture
def people(garden_a, garden_b, finance):
    export = area("eksport", "Internasjonalisering")
    return {
        "siri": person(
            garden_b,
            "siri@roros.example",
            "Siri Sand",
            bio="Har skrevet mange søknader om SkatteFUNN for små bedrifter.",
            areas=[(finance, 3, "Innovasjon Norge og banker")],
        ),
        "ola": person(
            garden_a,
            "ola@orkdal.example",
            "Ola Ås",
            bio="Jobber med eksportstrategi for sjømatbedrifter.",
            areas=[(export, 2, "")],
        ),
        "kari": person(
            garden_b,
            "kari@roros.example",
            "Kari Kro",
            bio="Hjelper med strategi for eksport til Tyskland.",
        ),
        "per": person(
            garden_a,
            "per@orkdal.example",
            "Per Pe",
            bio="Kan regnskap og budsjett, og setter opp nettbutikk.",
            keywords="Tripletex",
        ),
    }


def test_it_ranks_the_expert_first_and_says_why(people):
    with translation.override("en"):
        results = match("søknad om SkatteFUNN og finansiering", kind="people")

    assert results[0].key == "siri@roros.example"
    assert results[0].kind == "person"
    assert 0 < results[0].score <= 1
    assert "Expert (level 3) in Finansiering og virkemidler" in results[0].why
    assert "bio mentions søknader, SkatteFUNN" in results[0].why


def test_it_finds_inflected_forms(people):
    for text in ("søknad", "søknaden", "søknader"):
        assert keys(match(text, kind="people"))[:1] == ["siri@roros.example"], text


def test_a_compound_finds_its_parts_and_the_parts_find_the_compound(people):
    assert set(keys(match("eksportstrategi", kind="people"))[:2]) == {
        "ola@orkdal.example",
        "kari@roros.example",
    }
    assert set(keys(match("strategi for eksport", kind="people"))[:2]) == {
        "ola@orkdal.example",
        "kari@roros.example",
    }


def test_synonyms_and_abbreviations_from_the_default_list(people):
    assert keys(match("bokføring", kind="people"))[:1] == ["per@orkdal.example"]
    assert keys(match("e-handel", kind="people"))[:1] == ["per@orkdal.example"]
    assert keys(match("søknad til IN", kind="people"))[:1] == ["siri@roros.example"]


def test_a_synonym_the_coordinator_adds_applies_to_the_next_match(people, cora):
    assert "per@orkdal.example" not in keys(match("økonomisystem", kind="people"))

    services.synonym_create(actor=cora.user, terms="økonomisystem, Tripletex")

    assert keys(match("økonomisystem", kind="people"))[:1] == ["per@orkdal.example"]
    assert Synonym.objects.filter(terms="økonomisystem, Tripletex").exists()


def test_a_small_typo_still_finds_the_word(people):
    assert keys(match("finansering", kind="people"))[:1] == ["siri@roros.example"]
    assert keys(match("skattefun", kind="people"))[:1] == ["siri@roros.example"]


def test_it_does_not_fold_å_to_a(garden_a):
    person(garden_a, "a@x.example", "Anne", bio="Kan mye om får og sau.")
    person(garden_a, "b@x.example", "Berit", bio="Kan mye om far og sønn.")

    assert keys(match("får", kind="people")) == ["a@x.example"]


def test_not_now_ranks_below_an_equally_good_colleague(garden_a, garden_b, finance):
    person(garden_a, "busy@x.example", "Aase", areas=[(finance, 3, "")], capacity="not_now")
    person(garden_b, "free@x.example", "Bente", areas=[(finance, 3, "")])

    with translation.override("en"):
        results = match("finansiering", kind="people")

    assert keys(results) == ["free@x.example", "busy@x.example"]
    assert "no capacity right now" in results[1].why


def test_events_are_upcoming_and_published_and_methods_shared(garden_a, finance):
    EventFactory(ref="kommende", title="Finansiering for gründere", hosts=[garden_a])
    EventFactory(ref="forbi", title="Finansiering i fjor", starts_at=in_days(-30))
    EventFactory(ref="utkast", title="Finansiering, utkast", status="draft")
    MethodFactory(ref="delt", title="Finansieringsplan", stage="shared", owner=garden_a)
    MethodFactory(ref="ny", title="Finansieringsplan 2", stage="collection", owner=garden_a)

    assert keys(match("finansiering", kind="events")) == ["kommende"]
    assert keys(match("finansieringsplan", kind="methods")) == ["delt"]


def test_the_public_gets_only_publicly_shared_methods_and_no_people(garden_b, alice, people):
    MethodFactory(ref="nett", title="Bærekraftsrapport", stage="shared", owner=garden_b)
    MethodFactory(
        ref="open",
        title="Bærekraftsrapport enkel",
        stage="shared",
        owner=garden_b,
        visibility="public",
    )

    assert keys(match("bærekraftsrapport", kind="methods", user=AnonymousUser())) == ["open"]
    assert set(keys(match("bærekraftsrapport", kind="methods", user=alice.user))) == {
        "nett",
        "open",
    }
    assert match("SkatteFUNN", kind="people", user=AnonymousUser()) == []


def test_the_index_follows_edits_and_deletes(people):
    assert "per@orkdal.example" in keys(match("Tripletex", kind="people"))
    per = people["per"]
    per.keywords = "Visma"
    per.save()

    assert "per@orkdal.example" not in keys(match("Tripletex", kind="people"))
    assert keys(match("Visma", kind="people")) == ["per@orkdal.example"]

    per.delete()

    assert keys(match("Visma", kind="people")) == []


def test_competence_and_event_changes_reach_the_people(people, finance, garden_a):
    ola = people["ola"]
    event = EventFactory(ref="laks", title="Laksetrapp og akvakultur", hosts=[garden_a])
    assert keys(match("akvakultur", kind="people")) == []

    event.speakers.add(ola)

    assert keys(match("akvakultur", kind="people")) == ["ola@orkdal.example"]
    assert any("Laksetrapp" in w for w in match("akvakultur", kind="people")[0].why)


def test_unknown_kind_is_refused(db):
    with pytest.raises(ValueError):
        match("x", kind="bedrifter")


def test_the_number_of_queries_does_not_grow_with_the_network(garden_a, finance):
    def run():
        match("finansiering", limit=10)
        with CaptureQueriesContext(connection) as queries:
            match("finansiering", limit=10)
        return len(queries)

    for i in range(10):
        person(garden_a, f"p{i}@x.example", f"P {i}", areas=[(finance, 2, "")])
    few = run()
    for i in range(10, 200):
        person(garden_a, f"p{i}@x.example", f"P {i}", areas=[(finance, 2, "")])
    assert run() == few


def test_deleted_events_and_methods_leave_the_results(garden_a):
    event = EventFactory(ref="robot", title="Robotisering i praksis", hosts=[garden_a])
    method = MethodFactory(ref="robotplan", title="Robotisering steg for steg", stage="shared")
    assert set(keys(match("robotisering"))) == {"robot", "robotplan"}

    event.delete()
    method.delete()

    assert keys(match("robotisering")) == []
