"""From a query text to concepts: each word (or synonym phrase) with its alternatives.

An alternative is a tuple of index terms and a weight: the word's own stem (1.0), a synonym
(0.85), the parts of a compound ("eksportstrategi" -> eksport + strategi, 0.8), compounds in the
index that contain the word ("strategi" -> "eksportstrategi", 0.75), a word one edit away
(0.7, for words of five letters or more that the index does not know) and, when searching as
you type, index words that begin with the last word typed (0.8).
"""

from dataclasses import dataclass, field

from kollegium.matching.text import STOP_WORDS, stem, terms, words

LINKS = ("s", "e")
# Common parts of compounds in the field, known even before the index holds them alone.
LEXICON = frozenset(
    stem(w)
    for w in """
    dag kurs plan møte strategi råd arbeid utvikling ledelse verktøy metode program prosjekt
    marked salg handel støtte søknad modell analyse rapport sjekk liste mal seminar forum
    frokost samling konferanse verksted tjeneste system styring kapital fond lån tilskudd
    avtale kontor bedrift selskap hage nettverk region eksport import økonomi regnskap budsjett
    finansiering investering innovasjon produkt produksjon kunde kompetanse opplæring kontrakt
    rekruttering personal ansatt lønn skatt avgift miljø energi klima reiseliv mat landbruk
    sjømat industri teknologi digital data sikkerhet risiko kvalitet prosess lean
    markedsføring merkevare kommunikasjon nettside nettbutikk butikk eier styre generasjon
    skifte oppstart vekst team leder gründer patent design pris kalkyle
    """.split()  # noqa: SIM905 - a word list reads better as text
)
ALPHABET = "abcdefghijklmnopqrstuvwxyzæøåé0123456789"
MAX_COMPOUNDS = 40
MAX_PREFIX = 30


@dataclass(frozen=True)
class Alt:
    terms: tuple[str, ...]
    weight: float


@dataclass
class Concept:
    word: str
    alts: list[Alt] = field(default_factory=list)


def synonym_groups(rows: list[str]) -> dict[str, list[tuple[tuple[str, ...], list]]]:
    """Index synonym phrases by their first stem: stem -> [(phrase, group of phrases)]."""
    index: dict[str, list] = {}
    for row in rows:
        group = [tuple(terms(p)) for p in row.split(",") if terms(p)]
        for phrase in group:
            index.setdefault(phrase[0], []).append((phrase, group))
    return index


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in ALPHABET]
    inserts = [a + c + b for a, b in splits for c in ALPHABET]
    return set(deletes + swaps + replaces + inserts)


def _known(part: str, vocab, query: set[str]) -> bool:
    stemmed = stem(part)
    return any(p in vocab or p in query or p in LEXICON for p in (part, stemmed))


def _split(term: str, vocab, query: set[str]) -> tuple[str, str] | None:
    """The best split of a compound into two known parts, with an optional linking s/e."""
    best = None
    for i in range(3, len(term) - 3):
        head, tail = term[:i], term[i:]
        if len(tail) < 3 or not (tail in vocab or tail in query or tail in LEXICON):
            continue
        for modifier in (head, head[:-1] if head.endswith(LINKS) else None):
            if modifier and len(modifier) >= 3 and _known(modifier, vocab, query):
                candidate = (stem(modifier) if stem(modifier) in vocab else modifier, tail)
                if best is None or min(map(len, candidate)) > min(map(len, best)):
                    best = candidate
    return best


def _compounds_with(term: str, engine, query: set[str]) -> list[str]:
    """Index words that are compounds with ``term`` as their last or first part."""
    vocab = engine.vocab
    found = []
    for word in engine.with_suffix(term):
        rest = word[: -len(term)]
        options = (rest, rest[:-1] if rest.endswith(LINKS) else "")
        if word != term and any(len(r) >= 3 and _known(r, vocab, query) for r in options):
            found.append(word)
    for word in engine.with_prefix(term):
        rest = word[len(term) :]
        options = (rest, rest[1:] if rest.startswith(LINKS) else "")
        if word != term and any(len(r) >= 3 and _known(r, vocab, query) for r in options):
            found.append(word)
    found.sort(key=lambda w: -vocab.get(w, 0))
    return found[:MAX_COMPOUNDS]


def _expand(term: str, word: str, engine, query: set[str]) -> list[Alt]:
    vocab = engine.vocab
    alts: list[Alt] = []
    if len(term) >= 7:
        parts = _split(term, vocab, query)
        if parts:
            alts.append(Alt(parts, 0.8))
    if len(term) >= 4:
        alts += [Alt((w,), 0.75) for w in _compounds_with(term, engine, query)]
    if len(word) >= 5 and term not in vocab:
        near = {c for c in _edits1(term) if c in vocab}
        near_terms = sorted(near, key=lambda w: (-vocab[w], w))[:5]
        alts += [Alt((w,), 0.7) for w in near_terms]
    return alts


def concepts(text: str, engine, synonyms: dict, *, prefix: bool = False) -> list[Concept]:
    """The concepts of a query, in order; repeated words count once."""
    kept = [w for w in words(text) if w not in STOP_WORDS]
    stems = [stem(w) for w in kept]
    query = set(stems)
    out: list[Concept] = []
    seen: set[tuple[str, ...]] = set()
    i = 0
    while i < len(stems):
        phrase, group = None, None
        for candidate, candidate_group in synonyms.get(stems[i], ()):
            fits = tuple(stems[i : i + len(candidate)]) == candidate
            if fits and (phrase is None or len(candidate) > len(phrase)):
                phrase, group = candidate, candidate_group
        if phrase is None:
            phrase, group = (stems[i],), [(stems[i],)]
        word = " ".join(kept[i : i + len(phrase)])
        i += len(phrase)
        if phrase in seen:
            continue
        seen.add(phrase)
        concept = Concept(word, [Alt(phrase, 1.0)])
        concept.alts += [Alt(p, 0.85) for p in group if p != phrase]
        if len(phrase) == 1:
            concept.alts += _expand(phrase[0], word, engine, query)
        out.append(concept)
    if prefix and kept and not text[-1:].isspace() and len(kept[-1]) >= 2:
        last = kept[-1]
        extra = [Alt((w,), 0.8) for w in engine.with_prefix(last, limit=500)]
        extra.sort(key=lambda a: -engine.vocab.get(a.terms[0], 0))
        if out and out[-1].word == last:
            out[-1].alts += extra[:MAX_PREFIX]
        elif extra:
            out.append(Concept(last, extra[:MAX_PREFIX]))
    return out
