"""Arabic-script queries: listed words one consonant away from a query word's key.

A listed Latin spelling is sometimes one consonant off the Arabic word it spells (a
misprint or a misheard letter: "Hishan" for هاشم, whose key "hSm" is "hSn"). Such a word
does not retrieve candidates (a one-letter-off consonant key meets far too many words),
but once a name is a candidate through its other words, it aligns with a similarity
below that of a true spelling and below what a partial name needs
(match.PARTIAL_NAME_MIN_SIM), and only beside NEAR_MIN_OTHERS words aligned by their
spelling: it can complete a long name, never make a short one ("Abdul Rauf Azhar" is not
عبد الروف ذاکر, Abdul Rauf Zakir, though "zhr" and "zkr" are one consonant apart).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

from sangam.screening.index import ScreeningIndex
from sangam.screening.query import Query
from sangam.screening.spelling import arabic_latin_keys

#: Similarity of a listed word whose key is one consonant off a query word's.
ARABIC_NEAR_SIM = 0.75
#: Keys shorter than this are not compared so (two consonants meet too much by chance).
NEAR_MIN_KEY = 3
#: Words of the same name aligned by their spelling that a near pair needs beside it.
NEAR_MIN_OTHERS = 3


def near_key_pairs(
    index: ScreeningIndex, query: Query, tid: int, paired: set[int]
) -> list[tuple[float, float, int]]:
    """Pairs (similarity, pair weight, query position) of listed word `tid` with the
    query's distinctive words not in `paired` whose keys are one edit from its own
    (same first consonant, both at least NEAR_MIN_KEY long)."""
    if index.is_article[tid]:
        return []
    out: list[tuple[float, float, int]] = []
    for key in _near_keys(index.tokens[tid]):
        for i, query_key in query.arabic_keys.get(key[0], ()):
            if (i not in paired and abs(len(query_key) - len(key)) <= 1
                    and OSA.distance(query_key, key, score_cutoff=1) <= 1):
                paired.add(i)
                out.append((ARABIC_NEAR_SIM, query.weights[i] + index.weights[tid], i))
    return out


def may_be_near(query: Query, listed: str) -> bool:
    """Whether a listed word has a key sharing its first letter with one of the query's
    (most do not: they need no closer look)."""
    keys = query.arabic_keys
    return any(key[0] in keys for key in _near_keys(listed))


@lru_cache(maxsize=200_000)
def _near_keys(listed: str) -> tuple[str, ...]:
    """A listed Latin word's keys long enough to be compared one edit apart."""
    if not (listed.isascii() and listed.isalpha()):
        return ()
    return tuple(sorted(k for k in arabic_latin_keys(listed) if len(k) >= NEAR_MIN_KEY))


def drop_lone_near_pairs(
    index: ScreeningIndex, query: Query, ctoks: tuple[int, ...],
    aligned: list[tuple[int, int, float]], used_q: set[int], used_c: set[int], gained: float,
) -> float:
    """Take the near pairs (`near_key_pairs`) out of an alignment that has fewer than
    NEAR_MIN_OTHERS other pairs; returns the gain left. A near pair is one whose listed
    word is not among the query word's similar words (an Arabic word's only other pairs)."""
    near = [(i, j, sim) for i, j, sim in aligned if ctoks[j] not in query.sims[i]]
    if not near or len(aligned) - len(near) >= NEAR_MIN_OTHERS:
        return gained
    for i, j, sim in near:
        aligned.remove((i, j, sim))
        used_q.discard(i)
        used_c.discard(j)
        gained -= sim * (query.weights[i] + index.weights[ctoks[j]])
    return gained
