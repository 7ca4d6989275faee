"""Gazetteers of common given (first) names, shipped as package data for the redactor.

Two plain-text lists live next to this module (one name per line, UTF-8, ``#`` comments):

* ``given_names.txt``: a few thousand common given names and short forms from the US, the UK
  and Ireland, continental Europe, Turkey, South Asia, Africa, the Arabic-speaking world and
  East/South-East Asia. A title-case token that matches it mid-sentence is almost surely a
  person's first name ("Sure, I've noted Sophie.", "send it to my partner Tomasz").
* ``ambiguous_names.txt``: given names that are also ordinary English words, months or days,
  brands, products or well-known places (Will, Mark, May, Grace, Jack, Max, Victoria, Jordan,
  Chase...). Use them only with stronger evidence, such as after "my name is".

No name is in both lists. Both were written from general knowledge for callcoach (MIT).

The functions return casefolded names, so look a token up as ``token.casefold()``; match only
title-case tokens ("Ada", not the acronym "ADA"). The files are read with
:mod:`importlib.resources`, so this works from an installed wheel, and each is read once.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["ambiguous_names", "given_names"]


def _read_names(filename: str) -> frozenset[str]:
    text = resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@functools.cache
def given_names() -> frozenset[str]:
    """Common given names that are almost never ordinary words, casefolded."""
    return _read_names("given_names.txt")


@functools.cache
def ambiguous_names() -> frozenset[str]:
    """Given names that are also words, brands or places (need stronger evidence), casefolded."""
    return _read_names("ambiguous_names.txt")
