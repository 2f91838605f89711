"""Norwegian text analysis shared by the index and the queries.

Lower case only: æ, ø and å are letters of their own and are never folded to a, o, a. Words
are stemmed with Snowball's Norwegian stemmer; stop words are Snowball's Norwegian list.
Compounds, synonyms and typos are resolved at query time against the index vocabulary
(kollegium.matching.expand), so the index itself stays a plain bag of stems.
"""

import re
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Letters and digits (any script), words joined by hyphens kept as one token ("e-handel").
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

# Snowball's Norwegian stop list (BSD licence), the same as PostgreSQL's norwegian.stop.
STOP_WORDS = frozenset(
    """
    og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett
    har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor
    eller hva skal selv sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe
    ville dere som deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor
    dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver
    hvem vors hvis både bare enn fordi før mange også slik vært være båe begge siden dykk dykkar
    dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss
    hossen ikkje ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine
    mykje no nokon noka nokor noko nokre si sia sidan so somt somme um upp vere vore verte vort
    varte vart
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_stemmer = snowballstemmer.stemmer("norwegian")


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``; a hyphenated word is joined ("e-handel" -> "ehandel")."""
    return [w.replace("-", "") for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball Norwegian stem of one lower-cased word (digits and short words kept)."""
    if len(word) < 3 or word.isdigit():
        return word
    stemmed = _stemmer.stemWord(word)
    # Snowball strips "-er" from "leder" but leaves "ledere" -> "leder", "lederne" -> "ledern":
    # strip once more so every form of an -er noun meets ("led").
    if stemmed.endswith("ern") and len(stemmed) > 5:
        return stemmed[:-3]
    if stemmed.endswith("er") and len(stemmed) > 4:
        return stemmed[:-2]
    return stemmed


def terms(text: str) -> list[str]:
    """The index terms of ``text``: stems of the words that are not stop words, in order."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


def highlight(text: str, stems: set[str] | frozenset[str], prefixes: tuple[str, ...] = ()) -> str:
    """``text`` escaped, with the words whose stem is in ``stems`` (or that start with one of
    ``prefixes``) wrapped in <mark>."""
    if not text:
        return ""
    out: list[str] = []
    last = 0
    for found in _WORD.finditer(text):
        word = found.group(0).lower()
        joined = word.replace("-", "")
        hit = stem(joined) in stems or any(joined.startswith(p) for p in prefixes if p)
        if hit:
            out.append(escape(text[last : found.start()]))
            out.append(f"<mark>{escape(found.group(0))}</mark>")
            last = found.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def snippet(text: str, stems: set[str] | frozenset[str], width: int = 160) -> SafeString:
    """A short excerpt of ``text`` around the first matching word, highlighted."""
    text = " ".join(text.split())
    if len(text) <= width:
        return mark_safe(highlight(text, stems))  # noqa: S308 - highlight escapes
    start = 0
    for found in _WORD.finditer(text):
        if stem(found.group(0).lower().replace("-", "")) in stems:
            start = max(0, found.start() - width // 3)
            break
    piece = text[start : start + width]
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return mark_safe(prefix + highlight(piece, stems) + suffix)  # noqa: S308
