"""Norwegian text analysis: letters kept, inflections stemmed, stop words dropped, marks."""

from kollegium.matching.text import highlight, snippet, stem, terms, words


def test_it_keeps_æ_ø_å_as_letters_of_their_own():
    assert words("Blåbær fra Tromsø og Ærø") == ["blåbær", "fra", "tromsø", "og", "ærø"]
    assert stem("får") != stem("far")
    assert stem("tromsø") == "tromsø"


def test_it_gives_the_inflections_of_a_word_one_stem():
    assert {stem(w) for w in ("søknad", "søknaden", "søknader", "søknadene")} == {"søknad"}
    assert {stem(w) for w in ("bedrift", "bedrifter", "bedriftene")} == {"bedrift"}


def test_every_form_of_an_er_noun_meets():
    assert {stem(w) for w in ("leder", "ledere", "lederne", "lederen")} == {"led"}
    assert {stem(w) for w in ("selger", "selgere", "selgerne")} == {"selg"}


def test_it_drops_stop_words_and_joins_hyphenated_words():
    assert terms("Hjelp til e-handel og en ny nettbutikk") == [
        "hjelp",
        "ehandel",
        "ny",
        "nettbutikk",
    ]


def test_it_marks_the_words_that_matched_and_escapes_the_rest():
    marked = highlight("Søknader <b>til</b> Innovasjon Norge", {"søknad", "innovasjon"})

    assert marked == "<mark>Søknader</mark> &lt;b&gt;til&lt;/b&gt; <mark>Innovasjon</mark> Norge"


def test_it_marks_a_prefix_typed_so_far():
    assert highlight("Regnskap", set(), ("regn",)) == "<mark>Regnskap</mark>"


def test_an_excerpt_starts_near_the_first_match():
    text = "Innledning. " * 30 + "Her står det om eksport til Sverige."

    excerpt = snippet(text, {"eksport"})

    assert excerpt.startswith("… ")
    assert "<mark>eksport</mark>" in excerpt
