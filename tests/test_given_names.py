"""The shipped given-name gazetteers: format, disjointness, coverage and the word exclusions."""

from __future__ import annotations

import unicodedata
from importlib import resources

import pytest

from callcoach.names import ambiguous_names, given_names

FILES = ("given_names.txt", "ambiguous_names.txt")


def _words(text: str) -> list[str]:
    return text.split()


FUNCTION_WORDS = _words("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves yes yeah okay ok hi hello hey thanks please sorry well oh um uh per via
""")

MONTHS_AND_DAYS = _words("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
""")

PRESENT = _words("""
Sophie Tomasz Aoife Priya Mohammed Wei Oluwaseun Søren Javier Giulia Anouk Siobhán Saoirse Niamh
Ffion Rhys Dafydd Åsa Björn José Jose Zeynep Yiannis Kwame Chioma Haruto Jihoon Fatima Alex Sam Tom Liz Ben
""")

WORD_NAMES = _words("""
May June April August Will Bill Mark Grace Hope Joy Jack Max Victoria Jordan Chase Paris Georgia
Rose Frank Drew Miles Mercedes Harley Angel Christian Jesus Summer Dawn Penny Mate Edit
""")


def _entries(filename: str) -> list[str]:
    text = resources.files("callcoach.names").joinpath(filename).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("filename", FILES)
def test_file_has_header_and_clean_sorted_unique_entries(filename: str) -> None:
    text = resources.files("callcoach.names").joinpath(filename).read_text(encoding="utf-8")
    assert text.startswith("#"), "a comment header says what the list is"
    assert "MIT" in text and "7 Dec 2026" in text
    entries = _entries(filename)
    assert entries == sorted(entries)
    assert len({e.casefold() for e in entries}) == len(entries), "unique, also when casefolded"
    for e in entries:
        assert e == e.strip() and " " not in e, e
        assert unicodedata.normalize("NFC", e) == e, e
        assert e[0].isupper(), e
        assert all(c.isalpha() or c in "-'" for c in e), e


def test_loaders_return_casefolded_cached_sets() -> None:
    given, ambiguous = given_names(), ambiguous_names()
    assert isinstance(given, frozenset) and isinstance(ambiguous, frozenset)
    assert given is given_names() and ambiguous is ambiguous_names()
    assert len(given) == len(_entries("given_names.txt")) > 3000
    assert len(ambiguous) == len(_entries("ambiguous_names.txt")) > 100
    assert all(n == n.casefold() for n in given | ambiguous)


def test_no_name_is_in_both_files() -> None:
    assert not given_names() & ambiguous_names()


@pytest.mark.parametrize("name", PRESENT)
def test_common_given_names_are_present(name: str) -> None:
    assert name.casefold() in given_names()


def test_common_surnames_are_not_listed_as_given_names() -> None:
    for surname in ("Nguyen", "Smith", "Kowalski", "Müller", "Patel", "Okafor", "Haddad"):
        assert surname.casefold() not in given_names() | ambiguous_names()


@pytest.mark.parametrize("word", WORD_NAMES)
def test_word_names_are_only_ambiguous(word: str) -> None:
    assert word.casefold() not in given_names()
    assert word.casefold() in ambiguous_names()


def test_given_names_hold_no_function_words_months_or_days() -> None:
    clash = given_names() & set(FUNCTION_WORDS + MONTHS_AND_DAYS)
    assert not clash, sorted(clash)
