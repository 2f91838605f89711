"""The translation catalogues: complete in bokmål and nynorsk, compiled, and used by the UI.

Refresh the catalogues with ``bin/messages`` (makemessages + compilemessages).
"""

import gettext
import re
import struct
from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
TRANSLATED = ["nb", "nn"]
ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
PO_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+"(.*)"$')


def _unquote(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), text)


def read_po(language: str) -> list[dict]:
    """Entries of a .po file as dicts.

    Keys: flags (set), msgctxt, msgid, msgid_plural (None when absent), msgstr ({form: text}).
    Obsolete (``#~``) entries are skipped with the other comments.
    """
    text = (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry = {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None}
        strings = {}  # ("msgid", 0), ("msgstr", 1), … -> text
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif match := PO_LINE.match(line):
                key = (match.group(1), int(match.group(2) or 0))
                strings[key] = _unquote(match.group(3))
            elif line.startswith('"') and key is not None:
                strings[key] += _unquote(line.strip()[1:-1])
        for name in ("msgctxt", "msgid", "msgid_plural"):
            entry[name] = strings.get((name, 0))
        entry["msgstr"] = {form: text for (name, form), text in strings.items() if name == "msgstr"}
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


def catalogue_key(entry: dict) -> str:
    """How gettext stores an entry: ``context\x04msgid`` or just ``msgid``."""
    if entry["msgctxt"] is None:
        return entry["msgid"]
    return f"{entry['msgctxt']}\x04{entry['msgid']}"


def messages(language: str) -> list[dict]:
    """Every entry except the header."""
    return [entry for entry in read_po(language) if entry["msgid"] != ""]


def read_mo_msgids(language: str) -> set[str]:
    """The msgids stored in a compiled .mo file (singular part, header excluded)."""
    data = (LOCALE_DIR / language / "LC_MESSAGES" / "django.mo").read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _magic, _revision, count, originals, _translations = struct.unpack(order + "5I", data[:20])
    msgids = set()
    for index in range(count):
        start = originals + 8 * index
        length, offset = struct.unpack(order + "2I", data[start : start + 8])
        msgid = data[offset : offset + length].decode("utf-8").split("\x00")[0]
        if msgid:
            msgids.add(msgid)
    return msgids


def load_mo(language: str) -> gettext.GNUTranslations:
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo", "rb") as handle:
        return gettext.GNUTranslations(handle)


def test_every_language_has_a_catalogue():
    for language in ALL_LANGUAGES:
        assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").is_file(), language
        assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.mo").is_file(), language


def test_the_catalogues_hold_the_same_messages():
    reference = {catalogue_key(entry) for entry in messages("en")}
    assert reference, "the English catalogue is empty"
    for language in TRANSLATED:
        assert {catalogue_key(entry) for entry in messages(language)} == reference, language


@pytest.mark.parametrize("language", TRANSLATED)
def test_nothing_is_untranslated_or_fuzzy(language):
    entries = read_po(language)
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert fuzzy == [], f"fuzzy entries in {language}: {fuzzy}"
    untranslated = [
        entry["msgid"]
        for entry in entries
        if entry["msgid"] != "" and (not entry["msgstr"] or not all(entry["msgstr"].values()))
    ]
    assert untranslated == [], f"untranslated entries in {language}: {untranslated}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_plurals_have_both_forms(language):
    for entry in messages(language):
        if entry["msgid_plural"] is not None:
            assert sorted(entry["msgstr"]) == [0, 1], entry["msgid"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders(language):
    for entry in messages(language):
        expected = sorted(PLACEHOLDER.findall(entry["msgid_plural"] or entry["msgid"]))
        for form, msgstr in entry["msgstr"].items():
            assert sorted(PLACEHOLDER.findall(msgstr)) == expected, (entry["msgid"], form)


def test_english_uses_the_msgids_as_they_are():
    assert all(not any(entry["msgstr"].values()) for entry in messages("en"))


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_matches_the_po_file(language):
    entries = messages(language)
    assert read_mo_msgids(language) == {catalogue_key(entry) for entry in entries}, (
        f"{language}: django.mo is out of date, run bin/messages"
    )
    catalogue = load_mo(language)
    for entry in entries:
        context, msgid, plural = entry["msgctxt"], entry["msgid"], entry["msgid_plural"]
        if plural is None:
            found = (
                catalogue.gettext(msgid) if context is None else catalogue.pgettext(context, msgid)
            )
            assert found == entry["msgstr"][0], msgid
        else:
            forms = [
                catalogue.ngettext(msgid, plural, n)
                if context is None
                else catalogue.npgettext(context, msgid, plural, n)
                for n in (1, 2)
            ]
            assert forms == [entry["msgstr"][0], entry["msgstr"][1]], msgid


def test_the_login_error_is_in_bokmal():
    from django.utils import translation

    with translation.override("nb"):
        assert translation.gettext("Wrong e-mail address or password.") == (
            "Feil e-postadresse eller passord."
        )
        assert translation.gettext(
            "Too many failed attempts. Wait a few minutes and try again."
        ).startswith("For mange mislykkede forsøk")


def test_the_home_page_is_in_bokmal_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="nb"' in page
    assert "Hopp til hovedinnhold" in page


def test_the_home_page_renders_in_nynorsk_after_choosing_it(client, db):
    response = client.post("/i18n/setlang/", {"language": "nn", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nn"

    page = client.get("/").content.decode()
    assert '<html lang="nn"' in page
    assert "Hopp til hovudinnhald" in page
    assert "Hopp til hovedinnhold" not in page
