"""Candidate retrieval: the listed names worth scoring for a query, through the index.

Never a scan of every listed name: each distinctive query word's similar listed words bring
their postings, and a name's upper bound is the weight its shared distinctive words could
gain. The best bounds are scored in full (:mod:`sangam.screening.match`).
"""

from __future__ import annotations

import threading

import numpy as np
import numpy.typing as npt

from sangam.screening.index import MIN_TOKEN_SIM, ScreeningIndex, token_similarity
from sangam.screening.query import ACRONYM_SIM, Query
from sangam.screening.spelling import skeleton

#: Candidate names scored in full per query variant (the rest are cut by their bound).
TOP_CANDIDATES = 15
#: Entries' best names are looked for among this many best names (a query's pool runs to
#: thousands of names; the entries worth scoring are near the top).
ENTRY_WINDOW = 10 * TOP_CANDIDATES
#: ... whose bounds are at least this share of the last best name's.
ENTRY_CLOSE = 0.8
#: A candidate name's bound is at least this share of the query's weight.
LEAST_BOUND_SHARE = 0.3
#: At most this many postings in all, a query's similar words are "in a few names only"
#: (see candidates: if none of those names reaches the bound, it retrieves as common words
#: do).
FEW_POSTINGS = 32
#: At most this many postings, candidate bounds are added up in a dict, and at most this
#: many names are ranked in plain Python: below these sizes numpy's fixed cost per call
#: (a query makes some forty calls) outweighs its speed per element.
DICT_POSTINGS = 100
PYTHON_RANKED = 60


def candidates(
    index: ScreeningIndex, query: Query, lists: frozenset[str] | None
) -> list[int]:
    """Names sharing a distinctive token with the query, best upper bound first.

    A name's bound is the weight its shared distinctive tokens would gain. A query's
    postings run from a few names to thousands: up to DICT_POSTINGS they are added up per
    name in a dict; above, with numpy, into a zeroed array the size of the index that is
    zeroed again where it was used (cheaper than sorting the postings to group them by
    name). Both add each name's gains in posting order, so the bounds are the same to the
    last bit either way.
    """
    parts: list[npt.NDArray[np.intp]] = []
    gains: list[float] = []
    retrieving: set[int] = set()  # query positions whose similar words retrieve
    distinctive, posting_arrays = index.distinctive, index.posting_arrays
    for i, sims in enumerate(query.sims):
        if not query.distinctive[i]:
            continue
        weight = query.weights[i]
        for tid, sim in sims.items():
            if distinctive[tid]:
                parts.append(posting_arrays[tid])
                gains.append(weight * sim)
                retrieving.add(i)
    if query.script not in ("latin", "arabic"):
        _add_generic_spellings(index, query, parts, gains, retrieving)
    if not parts:
        return _rarest_word_candidates(index, query, lists)
    lengths = [len(p) for p in parts]
    postings = sum(lengths)
    least = _least_bound(query, gains)
    if postings <= DICT_POSTINGS:
        bound: dict[int, float] = {}
        get = bound.get
        for part, gain in zip(parts, gains, strict=True):
            for name_id in part.tolist():
                bound[name_id] = get(name_id, 0.0) + gain
        found = sorted(n for n, b in bound.items() if b >= least)
        if lists is not None:
            found = [n for n in found if index.list_of_name[n] in lists]
        if not found and postings <= FEW_POSTINGS:
            # distinctive words whose few similar names all fall short retrieve as if
            # there were none: "nev" read from Cyrillic is the common "new" (which
            # retrieves nothing), and its only distinctive neighbour is one letter off
            # ("Neva")
            return _rarest_word_candidates(index, query, lists)
        if len(found) <= TOP_CANDIDATES:
            return found
        return _best_candidates(index, query, found, [bound[n] for n in found], retrieving)
    ids = np.concatenate(parts)
    scratch = zeroed_scratch(len(index.names))
    try:
        # unbuffered: each name's bound adds up in posting order, as a bincount would
        np.add.at(scratch, ids, np.repeat(gains, lengths))
        # a name whose aligned weight cannot reach a fraction of the query's cannot score
        # well
        names = ids[scratch[ids] >= least]
        names.sort()
        if len(names) > 1:  # each name once (quicker than np.unique on these sizes)
            names = names[np.concatenate(([True], names[1:] != names[:-1]))]
        bounds = scratch[names]
    finally:
        scratch[ids] = 0.0
    if lists is not None:
        keep = index.list_mask(lists)[index.name_list_code[names]]
        names, bounds = names[keep], bounds[keep]
    if len(names) <= TOP_CANDIDATES:
        result: list[int] = names.tolist()
        return result
    if len(names) <= PYTHON_RANKED:
        return _best_candidates(index, query, names.tolist(), bounds.tolist(), retrieving)
    return _best_candidates_array(index, query, names, bounds, retrieving)


def _add_generic_spellings(
    index: ScreeningIndex, query: Query, parts: list[npt.NDArray[np.intp]],
    gains: list[float], retrieving: set[int],
) -> None:
    """A non-Latin query's distinctive word that is another spelling of a generic listed
    word ("москов"/"moskva" and "Moscow") retrieves that word's names (see
    ScreeningIndex.generic_skeletons): "АО москов индустриал банк" shares nothing else
    distinctive with "JOINT STOCK COMPANY MOSCOW INDUSTRIAL BANK"."""
    table = index.generic_skeletons()
    for i, token in enumerate(query.tokens):
        if not query.distinctive[i] or len(token) < 4:
            continue
        for tid in table.get(skeleton(token), ()):
            # as similar as the query found it, if closer ("moskov" read from Cyrillic is
            # "moscow" respelt: index.CYRILLIC_SIM)
            sim = max(token_similarity(token, index.tokens[tid]), query.sims[i].get(tid, 0.0))
            if sim >= MIN_TOKEN_SIM:
                parts.append(index.posting_arrays[tid])
                gains.append(query.weights[i] * sim)
                retrieving.add(i)


def _least_bound(query: Query, gains: list[float]) -> float:
    """The bound a candidate name needs: a share of the query's weight. In a translated
    reading the glossary's words weigh as generic ones, so a name sharing only its one
    rare glossary word ("acoustics" in 応用音響科学研究所, "applied acoustics scientific
    research institute") would fall short: there the best single word is enough."""
    least = query.weight_sum * LEAST_BOUND_SHARE
    if query.script == "translated":
        least = min(least, max(gains))
    return least


def _best_candidates(
    index: ScreeningIndex, query: Query, names: list[int], bounds: list[float],
    retrieving: set[int],
) -> list[int]:
    """The best of `names` (more than TOP_CANDIDATES, sorted ids) by their `bounds` (see
    `_pick`), for up to PYTHON_RANKED names. Ties (a common distinctive word) go to the names
    whose common words and acronyms also agree, then to those closest in length to the
    query."""
    common = _common_word_gains(index, query, retrieving)
    acronyms = _acronym_weights(query)
    length = len(query.joined)
    name_tokens, name_joined, initials = index.name_tokens, index.name_joined, index.name_initials
    keys: list[float] = []
    for name_id, key in zip(names, bounds, strict=True):
        if common:
            extra = 0.0
            tokens = name_tokens[name_id]
            for tid, gain in common.items():
                if tid in tokens:
                    extra += gain
            key = key + extra
        if acronyms:
            key = key + _acronym_gain(acronyms, initials[name_id])
        key -= 0.01 * abs(len(name_joined[name_id]) - length)
        keys.append(key)
    negated = [-key for key in keys]
    order = sorted(range(len(names)), key=negated.__getitem__)[:ENTRY_WINDOW]
    ranked = [names[k] for k in order]
    return _pick(ranked, [index.names[n].entry for n in ranked], [keys[k] for k in order])


def _best_candidates_array(
    index: ScreeningIndex, query: Query, names: npt.NDArray[np.intp],
    bounds: npt.NDArray[np.float64], retrieving: set[int],
) -> list[int]:
    """`_best_candidates` with numpy, for more than PYTHON_RANKED names: the same keys in
    the same arithmetic (a name's common-word gains added in the same order), the same
    stable order."""
    keys = bounds
    common = _common_word_gains(index, query, retrieving)
    if common:
        keys = keys + _common_gains(index, names, common)
    acronyms = _acronym_weights(query)
    if acronyms:
        initials = index.name_initials
        keys = keys + np.fromiter((_acronym_gain(acronyms, initials[n]) for n in names.tolist()),
                                  float, len(names))
    keys -= 0.01 * np.abs(index.name_length[names] - len(query.joined))
    order = np.argsort(-keys, kind="stable")[:ENTRY_WINDOW]
    ranked = names[order]
    return _pick(ranked.tolist(), index.name_entry[ranked].tolist(), keys[order].tolist())


def _pick(ranked: list[int], entries: list[int], keys: list[float]) -> list[int]:
    """The TOP_CANDIDATES best names of `ranked` (the ENTRY_WINDOW best, best first, with
    their entries and ranking keys), and the best name of each of the TOP_CANDIDATES best
    entries: entries with many readings ("moskva ..." in each of a METI name's) must not
    fill every place ("ООО москов армс" lost its entry to fourteen readings of other
    Moscow entries' names), while an entry's best-bound name is not always its
    best-scoring. Only names whose key comes near the last best name's: the others would
    rarely score, and each costs a scoring."""
    best = ranked[:TOP_CANDIDATES]
    if len(set(entries[:TOP_CANDIDATES])) == TOP_CANDIDATES:
        return best  # the best names are of as many entries already
    least = ENTRY_CLOSE * keys[TOP_CANDIDATES - 1]
    chosen = set(best)
    seen: set[int] = set()
    for name_id, entry, key in zip(ranked, entries, keys, strict=True):
        if key < least or len(seen) == TOP_CANDIDATES:
            break
        if entry not in seen:
            seen.add(entry)
            if name_id not in chosen:
                best.append(name_id)
    return best


_local = threading.local()


def zeroed_scratch(size: int) -> npt.NDArray[np.float64]:
    """A zeroed float array of `size`, one per thread (the web server and Dask workers
    screen in several threads at once), kept zero between uses by candidates."""
    scratch: npt.NDArray[np.float64] | None = getattr(_local, "scratch", None)
    if scratch is None or len(scratch) != size:
        scratch = np.zeros(size)
        _local.scratch = scratch
    return scratch


def _rarest_word_candidates(
    index: ScreeningIndex, query: Query, lists: frozenset[str] | None
) -> list[int]:
    """Every query word is generic or very common ("Advanced Technologies Company of Iran"):
    retrieve through the rarest of them so a listed name still meets itself, keeping the
    names closest in length to the query."""
    # not through a legal-form word ("JOINT", "STOCK" in "BANK STOCK MOSCOW INDUSTRIAL
    # COMPANY JOINT"): it is rare among listed names only because it is usually cut off
    # as a legal form, so its few names are not the ones meant
    words = [tok for i, tok in enumerate(query.tokens) if not query.legal[i]] or query.tokens
    ids = sorted((index.vocab[tok] for tok in words if tok in index.vocab),
                 key=lambda t: len(index.posting_arrays[t]))[:2]
    if not ids:
        return []
    names, shared = np.unique(np.concatenate([index.posting_arrays[t] for t in ids]),
                              return_counts=True)
    if lists is not None:
        keep = index.list_mask(lists)[index.name_list_code[names]]
        names, shared = names[keep], shared[keep]
    # names with both words first, then those closest in length to the query's words
    # other than its legal form
    distance = np.abs(index.name_length[names] - sum(len(tok) for tok in words))
    order = np.lexsort((distance, -shared))
    return [int(n) for n in names[order[:TOP_CANDIDATES]]]


def _acronym_weights(query: Query) -> list[tuple[str, float]]:
    """What each of the query's acronyms would gain in a name whose initials spell it: an
    acronym retrieves nothing itself, but of the many "ORION" entries the one whose other
    words' initials spell "STC" is the one meant (match._acronym_pairs aligns them)."""
    return [(query.tokens[i], query.weights[i] * ACRONYM_SIM) for i in query.acronyms]


def _acronym_gain(acronyms: list[tuple[str, float]], initials: str) -> float:
    """What `acronyms` (_acronym_weights) gain in a name with these word initials."""
    return sum(gain for letters, gain in acronyms if letters in initials)


def _common_word_gains(
    index: ScreeningIndex, query: Query, retrieving: set[int]
) -> dict[int, float]:
    """What each listed common word would gain for the query's common words (those not at
    a `retrieving` position): its best similarity x weight.

    Common words do not retrieve (they would pull in thousands of names), but among the
    names retrieved they decide: of thirty "AL-TIKRITI" entries, the one that also has
    "Hamid" and "Raja" is the one meant.
    """
    gains: dict[int, float] = {}
    for i, sims in enumerate(query.sims):
        if i in retrieving:
            continue
        weight = query.weights[i]
        for tid, sim in sims.items():
            if not index.distinctive[tid] and weight * sim > gains.get(tid, 0.0):
                gains[tid] = weight * sim
    return gains


def _common_gains(
    index: ScreeningIndex, names: npt.NDArray[np.intp], gains: dict[int, float]
) -> npt.NDArray[np.float64]:
    """Each of `names` (sorted ids)'s total of `gains` (_common_word_gains), through the
    common words' postings (a common word's postings run to thousands of names)."""
    extra = np.zeros(len(names))
    parts = [index.posting_arrays[t] for t in gains]
    ids = np.concatenate(parts)
    where = np.minimum(np.searchsorted(names, ids), len(names) - 1)
    hit = names[where] == ids
    values = np.repeat(np.fromiter(gains.values(), float, len(gains)), [len(p) for p in parts])
    np.add.at(extra, where[hit], values[hit])
    return extra
