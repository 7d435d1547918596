"""Scoring a screened name against candidates from the index, with the reasons.

The score is a weighted overlap of aligned tokens (a Dice coefficient where each token
weighs its inverse document frequency over all listed names, and generic words and numbers
weigh less): aligning both sides' tokens makes word order irrelevant, character similarity
per token forgives a typo or a romanisation variant, and weighting keeps a shared "Trading"
or "Technology" from carrying a match. Rules then guard the known false-alert patterns:
only generic words or numbers in common, different numbers ("558 Repair Plant" is not
"140 Repair Plant"), and a one-word listed name inside a longer query.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from sangam.screening.index import (
    MIN_TOKEN_SIM,
    NUMBER_FACTOR,
    IndexedName,
    ScreeningIndex,
    token_similarity,
)
from sangam.screening.normalize import (
    NameForm,
    arabic_query_keys,
    generic_words,
    legal_form_words,
    name_forms,
    skeleton,
    translation_words,
)

#: Candidate names scored in full per query variant (the rest are cut by their bound).
TOP_CANDIDATES = 15
#: Entries' best names are looked for among this many best names (a query's pool runs to
#: thousands of names; the entries worth scoring are near the top).
ENTRY_WINDOW = 10 * TOP_CANDIDATES
#: ... whose bounds are at least this share of the last best name's.
ENTRY_CLOSE = 0.8
#: A candidate name's bound is at least this share of the query's weight.
LEAST_BOUND_SHARE = 0.3
#: At most this many postings in all, candidate bounds are added up without numpy.
SMALL_POSTINGS = 32
#: Score below which a candidate is not reported at all.
REPORT_FLOOR = 0.5
#: Ceiling for matches that align only generic words/numbers, or a one-word listed name.
GUARD_CEILING = 0.55
#: A listed person's name found whole inside a longer query: its parts must weigh at least
#: this much (two rare parts; not a common given name and family name), and the score is
#: their alignment times BASE + (1 - BASE) x the symmetric overlap.
PARTIAL_NAME_MIN_WEIGHT = 14.0
#: ... and weigh this much on average: three common names ("HUSSEIN, Ali Ahmed") add up to
#: the weight of two rare ones, yet they are in the full names of many other people
PARTIAL_NAME_MIN_MEAN = 6.0
PARTIAL_NAME_BASE = 0.85
PARTIAL_NAME_MIN_SIM = 0.85
COUNTRY_AGREE_BONUS = 0.03
COUNTRY_DISAGREE_FACTOR = 0.93
NUMBER_MISMATCH_FACTOR = 0.75


@dataclass(frozen=True)
class Scored:
    """A scored candidate name, before it becomes a public Match."""

    entry: int
    name_id: int
    score: float
    aligned: tuple[tuple[str, str, float], ...]
    explanation: str


@dataclass
class _Query:
    tokens: list[str]
    legal_forms: tuple[str, ...]
    script: str
    weights: list[float]
    sims: list[dict[int, float]]
    distinctive: list[bool]
    is_number: list[bool]
    weight_sum: float
    joined: str
    numbers: frozenset[str]
    legal: list[bool]
    corrections: tuple[tuple[str, str], ...]
    #: listed token id -> (query position, similarity), the inverse of `sims`
    by_token: dict[int, list[tuple[int, float]]]
    #: first letter -> positions of the query's words (numbers left out)
    by_initial: dict[str, list[int]]
    #: the same, of its words that are not distinctive (the only ones a distinctive listed
    #: word is compared with letter by letter)
    by_initial_common: dict[str, list[int]]
    any_legal: bool
    #: the query's words other than generic ones, run together (_distinct_parts_alike)
    distinct_joined: str
    #: weight of all the query's legal-form words (the most `total` can set aside)
    legal_weight: float
    #: listed token id -> the pairs it can make with the query's words (similarity, pair
    #: weight, query position) and the largest similarity x pair weight among them; filled
    #: as candidates are scored, since a query's candidates share most of their words
    pair_memo: dict[int, tuple[tuple[tuple[float, float, int], ...], float]]
    #: an Arabic-script query with a word carrying the article ("القاعدة"): a listed name's
    #: article written apart ("AL QAEDA") is part of that word, so left unaligned it costs
    #: nothing (else the one-word "Kaida" outscores "AL QAEDA")
    article_in_word: bool = False


_DIGIT = re.compile(r"\d")


def _is_number(token: str) -> bool:
    return _DIGIT.search(token) is not None


_ARABIC_COMPOUND_HEADS = ("عبد", "ابو", "أبو", "بو", "بن", "ابن")


def _known_join(index: ScreeningIndex, join: str, script: str) -> bool:
    if join in index.vocab:
        return True
    if script == "arabic":
        # only the compounds lists write as one word: عبد القادر "Abdelkader", أبو بكر
        # "Abubakar", بن لادن "Binladen" (two given names joined would meet unrelated words)
        return join.startswith(_ARABIC_COMPOUND_HEADS) and any(
            key in index.arabic_index() for key in arabic_query_keys(join) if len(key) >= 4
        )
    return len(join) >= 6 and skeleton(join) in index.skeletons


def _prepare(index: ScreeningIndex, form: NameForm) -> list[_Query]:
    """The query's tokens, plus a variant with adjacent tokens joined where the join is a
    listed token ("roma shka" -> "romashka", pinyin syllables -> "shenzhen")."""
    variants = [list(form.tokens)]
    joined: list[str] = []
    i = 0
    tokens = list(form.tokens)
    changed = False
    while i < len(tokens):
        for n in (3, 2):
            if i + n > len(tokens):
                continue
            join = "".join(tokens[i : i + n])
            if _known_join(index, join, form.script):
                joined.append(join)
                i += n
                changed = True
                break
        else:
            joined.append(tokens[i])
            i += 1
    if changed:
        variants.append(joined)
    generic = generic_words()
    legal_words = legal_form_words()
    glossary = translation_words()
    max_weight = index.max_weight
    out: list[_Query] = []
    for toks in variants:
        weights: list[float] = []
        distinctive: list[bool] = []
        numbers = [_is_number(t) for t in toks]
        # a whole katakana word is compared as the foreign word it spells
        sims = [index.similar_tokens(tok, "katakana" if tok in form.katakana else form.script)
                for tok in toks]
        for tok, similar, number in zip(toks, sims, numbers, strict=True):
            tid = index.vocab.get(tok)
            # in a translated reading the glossary's words are approximate ("weapons",
            # "building" where the list says "Missiles", "Machine-Building"): they weigh as
            # generic words, so a missing one costs little and the names carry the match
            is_generic = tok in generic or len(tok) == 1
            soft = form.script == "translated" and tok in glossary
            if is_generic or soft:
                weights.append(min(index.weights[tid], index.generic_weight)
                               if tid is not None else index.generic_weight)
            elif tid is not None:
                weights.append(index.weights[tid])
            elif similar:
                # a misspelt or other-script word weighs what the words it resembles weigh
                # (a common first name written in Arabic is still a common first name)
                best = max(similar.values())
                weights.append(max(index.weights[t] for t, v in similar.items() if v == best))
            else:
                weights.append(max_weight * NUMBER_FACTOR if number else max_weight)
            distinctive.append(not is_generic and not number)
        by_token: dict[int, list[tuple[int, float]]] = {}
        for i, similar in enumerate(sims):
            if not similar.keys() & by_token.keys():  # usual: no listed word seen yet
                by_token.update({tid: [(i, sim)] for tid, sim in similar.items()})
                continue
            for tid, sim in similar.items():
                same = by_token.get(tid)
                if same is None:
                    by_token[tid] = [(i, sim)]
                else:
                    same.append((i, sim))
        by_initial: dict[str, list[int]] = {}
        by_initial_common: dict[str, list[int]] = {}
        for i, tok in enumerate(toks):
            if not numbers[i]:
                by_initial.setdefault(tok[:1], []).append(i)
                if not distinctive[i]:
                    by_initial_common.setdefault(tok[:1], []).append(i)
        out.append(
            _Query(
                tokens=toks,
                legal_forms=form.legal_forms,
                script=form.script,
                weights=weights,
                sims=sims,
                distinctive=distinctive,
                is_number=numbers,
                weight_sum=sum(weights),
                joined="".join(toks),
                numbers=frozenset(t for t, n in zip(toks, numbers, strict=True) if n),
                legal=[t in legal_words for t in toks],
                corrections=form.corrections,
                by_token=by_token,
                by_initial=by_initial,
                by_initial_common=by_initial_common,
                any_legal=any(t in legal_words for t in toks),
                distinct_joined="".join(t for t in toks if t not in generic),
                legal_weight=sum(w for t, w in zip(toks, weights, strict=True)
                                 if t in legal_words),
                pair_memo={},
                article_in_word=form.script == "arabic" and any(
                    t.startswith(("ال", "آل")) and len(t) > 2 for t in toks),
            )
        )
    return out


def _candidates(
    index: ScreeningIndex, query: _Query, lists: frozenset[str] | None
) -> list[int]:
    """Names sharing a distinctive token with the query, best upper bound first.

    A name's bound is the weight its shared distinctive tokens would gain; the postings of
    every similar token are summed per name with numpy (a query's postings run to
    thousands of names, which a Python loop adds up slowly), into a zeroed array the
    size of the index that is zeroed again where it was used (cheaper than sorting the
    postings to group them by name).
    """
    parts: list[npt.NDArray[np.int32]] = []
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
    if sum(lengths) <= SMALL_POSTINGS:
        return _few_candidates(index, query, lists, parts, gains, retrieving)
    ids = np.concatenate(parts)
    scratch = _scratch(len(index.names))
    try:
        # unbuffered: each name's bound adds up in posting order, as a bincount would
        np.add.at(scratch, ids, np.repeat(gains, lengths))
        # a name whose aligned weight cannot reach a fraction of the query's cannot score
        # well
        names = ids[scratch[ids] >= _least_bound(query, gains)]
        names.sort()
        if len(names) > 1:  # each name once (quicker than np.unique on these sizes)
            names = names[np.concatenate(([True], names[1:] != names[:-1]))]
        bounds = scratch[names]
    finally:
        scratch[ids] = 0.0
    if lists is not None:
        keep = index.list_mask(lists)[index.name_list_code[names]]
        names, bounds = names[keep], bounds[keep]
    return _best_candidates(index, query, names, bounds, retrieving)


def _add_generic_spellings(
    index: ScreeningIndex, query: _Query, parts: list[npt.NDArray[np.int32]],
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
            sim = token_similarity(token, index.tokens[tid])
            if sim >= MIN_TOKEN_SIM:
                parts.append(index.posting_arrays[tid])
                gains.append(query.weights[i] * sim)
                retrieving.add(i)


def _least_bound(query: _Query, gains: list[float]) -> float:
    """The bound a candidate name needs: a share of the query's weight. In a translated
    reading the glossary's words weigh as generic ones, so a name sharing only its one
    rare glossary word ("acoustics" in 応用音響科学研究所, "applied acoustics scientific
    research institute") would fall short: there the best single word is enough."""
    least = query.weight_sum * LEAST_BOUND_SHARE
    if query.script == "translated":
        least = min(least, max(gains))
    return least


def _few_candidates(
    index: ScreeningIndex, query: _Query, lists: frozenset[str] | None,
    parts: list[npt.NDArray[np.int32]], gains: list[float], retrieving: set[int],
) -> list[int]:
    """_candidates for a query whose similar words are in a few names only: the same
    bounds (added up in the same order) with a dict, cheaper than numpy's calls there."""
    bound: dict[int, float] = {}
    get = bound.get
    for part, gain in zip(parts, gains, strict=True):
        for name_id in part.tolist():
            bound[name_id] = get(name_id, 0.0) + gain
    least = _least_bound(query, gains)
    names = sorted(n for n, b in bound.items() if b >= least)
    if lists is not None:
        names = [n for n in names if index.list_of_name[n] in lists]
    if len(names) <= TOP_CANDIDATES:
        return names
    return _best_candidates(index, query, np.asarray(names, dtype=np.int32),
                            np.asarray([bound[n] for n in names]), retrieving)


def _best_candidates(
    index: ScreeningIndex, query: _Query, names: npt.NDArray[np.int32],
    bounds: npt.NDArray[np.float64], retrieving: set[int],
) -> list[int]:
    """The TOP_CANDIDATES of `names` (sorted ids) by their bounds."""
    if len(names) > TOP_CANDIDATES:
        # ties (a common distinctive word) go to the names whose common words also agree,
        # then to those closest in length to the query
        keys = bounds
        extra = _common_gains(index, query, names, retrieving)
        if extra is not None:
            keys = keys + extra
        keys -= 0.01 * np.abs(index.name_length[names] - len(query.joined))
        order = np.argsort(-keys, kind="stable")
        best: list[int] = names[order[:TOP_CANDIDATES]].tolist()
        entry_of = index.name_entry
        if len(set(entry_of[best].tolist())) == TOP_CANDIDATES:
            return best  # the best names are of as many entries already
        # the best names, and the best name of each of the TOP_CANDIDATES best entries:
        # entries with many readings ("moskva ..." in each of a METI name's) must not fill
        # every place ("ООО москов армс" lost its entry to fourteen readings of other Moscow
        # entries' names), while an entry's best-bound name is not always its best-scoring.
        # Only names whose bound comes near the last best name's, among the ENTRY_WINDOW
        # best: the others would rarely score, and each costs a scoring.
        least = ENTRY_CLOSE * float(keys[order[TOP_CANDIDATES - 1]])
        window = order[:ENTRY_WINDOW]
        ranked = names[window]
        chosen = set(best)
        seen: set[int] = set()
        for name_id, entry, key in zip(ranked.tolist(), entry_of[ranked].tolist(),
                                       keys[window].tolist(), strict=True):
            if key < least or len(seen) == TOP_CANDIDATES:
                break
            if entry not in seen:
                seen.add(entry)
                if name_id not in chosen:
                    best.append(name_id)
        return best
    result: list[int] = names.tolist()
    return result


_local = threading.local()


def _scratch(size: int) -> npt.NDArray[np.float64]:
    """A zeroed float array of `size`, one per thread (the web server and Dask workers
    screen in several threads at once), kept zero between uses by _candidates."""
    scratch: npt.NDArray[np.float64] | None = getattr(_local, "scratch", None)
    if scratch is None or len(scratch) != size:
        scratch = np.zeros(size)
        _local.scratch = scratch
    return scratch


def _rarest_word_candidates(
    index: ScreeningIndex, query: _Query, lists: frozenset[str] | None
) -> list[int]:
    """Every query word is generic or very common ("Advanced Technologies Company of Iran"):
    retrieve through the rarest of them so a listed name still meets itself, keeping the
    names closest in length to the query."""
    ids = sorted((index.vocab[tok] for tok in query.tokens if tok in index.vocab),
                 key=lambda t: len(index.posting_arrays[t]))[:2]
    if not ids:
        return []
    names = np.unique(np.concatenate([index.posting_arrays[t] for t in ids]))
    if lists is not None:
        names = names[index.list_mask(lists)[index.name_list_code[names]]]
    distance = np.abs(index.name_length[names] - len(query.joined))
    return [int(n) for n in names[np.argsort(distance, kind="stable")[:TOP_CANDIDATES]]]


def _common_gains(
    index: ScreeningIndex, query: _Query, names: npt.NDArray[np.int32], retrieving: set[int]
) -> npt.NDArray[np.float64] | None:
    """What the query's common words (those not at a `retrieving` position) would gain in
    each of `names` (sorted ids); None when they would gain nothing.

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
    if not gains:
        return None
    extra = np.zeros(len(names))
    parts = [index.posting_arrays[t] for t in gains]
    ids = np.concatenate(parts)
    where = np.minimum(np.searchsorted(names, ids), len(names) - 1)
    hit = names[where] == ids
    values = np.repeat(np.fromiter(gains.values(), float, len(gains)), [len(p) for p in parts])
    np.add.at(extra, where[hit], values[hit])
    return extra


def _partial_name_score(
    index: ScreeningIndex, name: IndexedName, aligned: list[tuple[int, int, float]],
    token_score: float,
) -> float:
    """A listed person whose every name part is in the query, which has more parts.

    Lists often carry a person under fewer names than a full name has ("HIJAZI, Riad" for
    رائد محمد حسن محمد حجازي); the symmetric overlap then falls far below the threshold.
    When all of the listed parts align and they weigh enough not to be just a common first
    name and family name, the score is how well they align, reduced a little for the
    query's extra parts.
    """
    if index.entries[name.entry][1].entity_type != "individual":
        return 0.0
    if any(len(index.tokens[t]) < 3 for t in name.tokens):
        return 0.0  # "HE, Jing" would be found in any Chinese reading's syllables
    if any(sim < PARTIAL_NAME_MIN_SIM for _, _, sim in aligned):
        return 0.0  # every part must be the same name, not merely like it ("Ben"/"Benz")
    weights = [index.weights[t] for t in name.tokens]
    if sum(weights) < max(PARTIAL_NAME_MIN_WEIGHT, PARTIAL_NAME_MIN_MEAN * len(weights)):
        return 0.0
    covered = sum(sim * weights[j] for _, j, sim in aligned) / sum(weights)
    return covered * (PARTIAL_NAME_BASE + (1 - PARTIAL_NAME_BASE) * token_score)


def _distinct_parts_alike(index: ScreeningIndex, query: _Query, name_id: int) -> bool:
    """Whether the names are alike once generic words are left out.

    The whole-name character comparison is there for words joined or split differently
    ("Roma Shka" / "Romashka"); a long shared generic word must not carry it ("HCL
    Technologies" is not "Coal Technologies").
    """
    mine = query.distinct_joined
    theirs = index.distinct_joined(name_id)
    return not mine or not theirs or fuzz.ratio(mine, theirs) >= 80


@dataclass
class _Detail:
    score: float
    token_score: float
    char_score: float
    aligned: list[tuple[int, int, float]]
    notes: list[str]


def _token_pairs(
    index: ScreeningIndex, query: _Query, tid: int
) -> tuple[tuple[tuple[float, float, int], ...], float]:
    """The pairs listed token `tid` can make with the query's words (similarity, pair
    weight, query position), and the largest similarity x pair weight among them."""
    weight = index.weights[tid]
    q_weights = query.weights
    similar = query.by_token.get(tid)
    out = [(sim, q_weights[i] + weight, i) for i, sim in similar] if similar else []
    # generic and very common words are not in the fuzzy keys; compare them directly with
    # the query's words of the same initial (a distinctive listed word only with the
    # query's common words: two distinctive words meet through the fuzzy keys)
    listed = index.tokens[tid]
    by_initial = query.by_initial_common if index.distinctive[tid] else query.by_initial
    for i in by_initial.get(listed[:1], ()):
        if tid in query.sims[i]:
            continue
        sim = token_similarity(query.tokens[i], listed)
        if sim >= MIN_TOKEN_SIM:
            out.append((sim, q_weights[i] + weight, i))
    return tuple(out), max([sim * w for sim, w, _ in out]) if out else 0.0


#: Slack on the bound that stops a pair before alignment, far above rounding error.
_BOUND_SLACK = 1e-9
_NO_PAIRS: tuple[tuple[tuple[float, float, int], ...], float] = ((), 0.0)


def _score(
    index: ScreeningIndex, query: _Query, name_id: int, country: str | None,
    floor: float = 0.0,
) -> _Detail | None:
    """Align the query's tokens with a listed name's and score the pair (see the module
    docstring). A pair that cannot reach `floor` returns None as soon as that is known:
    the guards below only lower a score. A pair that gets past that point is scored in
    full, with the notes its explanation needs, so the search does not score its
    reported matches twice.

    This runs for every candidate of every query (most of a batch's time), so it works
    on local names and precomputed lookups rather than attribute chains.
    """
    ctoks = index.name_tokens[name_id]
    memo = query.pair_memo
    bound = 0.0  # every listed word's best pair: more than any alignment can gain
    every_word_pairs = True
    for tid in ctoks:
        hit = memo.get(tid)
        if hit is None:
            # most listed words neither resemble a query word nor share an initial with
            # one: they make no pair, which needs no closer look
            if tid in query.by_token or index.tokens[tid][:1] in (
                query.by_initial_common if index.distinctive[tid] else query.by_initial
            ):
                hit = _token_pairs(index, query, tid)
            else:
                hit = _NO_PAIRS
            memo[tid] = hit
        if hit[0]:
            bound += hit[1]
        else:
            every_word_pairs = False
    char_score = 0.0
    name_joined = index.name_joined[name_id]
    if abs(len(query.joined) - len(name_joined)) <= 0.2 * len(query.joined):
        char_score = fuzz.ratio(query.joined, name_joined) / 100.0
        if char_score >= 0.9 and not _distinct_parts_alike(index, query, name_id):
            char_score = 0.0
    if char_score < 0.9 and not (
        every_word_pairs and 2 <= len(ctoks) < len(query.tokens)
    ):
        # neither the whole-name similarity nor a partial name can lift the score: it is
        # the token overlap, at most the bound over the least total (every legal-form word
        # set aside); slack far above rounding keeps this from ever dropping a pair that
        # full scoring would keep
        least = (query.weight_sum + index.name_weight[name_id] - query.legal_weight
                 - index.name_legal_weight[name_id])
        if query.article_in_word:
            least -= index.name_article_weight[name_id]
        if least > 0 and bound / least + COUNTRY_AGREE_BONUS + _BOUND_SLACK < floor:
            return None
    pairs: list[tuple[float, float, int, int]] = []
    for j, tid in enumerate(ctoks):
        for sim, pair_weight, i in memo[tid][0]:
            pairs.append((sim, pair_weight, i, j))
    # best similarity first; among equals, the heavier pair, so "علي" aligns with "Ali"
    # rather than with the article "al"
    used_q: set[int] = set()
    used_c: set[int] = set()
    aligned: list[tuple[int, int, float]] = []
    gained = 0.0
    if len(pairs) == 1:
        sim, pair_weight, i, j = pairs[0]
        used_q.add(i)
        used_c.add(j)
        aligned.append((i, j, sim))
        gained = sim * pair_weight
    elif pairs:
        pairs.sort(reverse=True)
        for sim, pair_weight, i, j in pairs:
            if i in used_q or j in used_c:
                continue
            used_q.add(i)
            used_c.add(j)
            aligned.append((i, j, sim))
            gained += sim * pair_weight
    # legal-form words left in a name ("Bank Stock Moscow ... Joint") are set aside like
    # the legal forms cut from its ends: unaligned, they cost nothing
    total = query.weight_sum + index.name_weight[name_id]
    if query.any_legal:
        total -= sum(query.weights[i] for i in range(len(query.tokens))
                     if query.legal[i] and i not in used_q)
    if query.article_in_word and index.name_article_weight[name_id]:
        weights, is_article = index.weights, index.is_article
        total -= sum(weights[t] for j, t in enumerate(ctoks)
                     if is_article[t] and j not in used_c)
    if index.name_has_legal[name_id]:
        weights, is_legal = index.weights, index.is_legal
        total -= sum(weights[t] for j, t in enumerate(ctoks)
                     if is_legal[t] and j not in used_c)
    token_score = gained / total if total else 0.0
    name = index.names[name_id]
    if len(used_c) == len(ctoks) >= 2 and len(aligned) < len(query.tokens):
        token_score = max(token_score, _partial_name_score(index, name, aligned, token_score))
    score = max(token_score, char_score - 0.04) if char_score >= 0.9 else token_score
    if score + COUNTRY_AGREE_BONUS < floor:
        return None
    notes: list[str] = []
    generic = generic_words()
    distinct = any(
        query.distinctive[i] and index.tokens[ctoks[j]] not in generic for i, j, _ in aligned
    )
    complete = len(aligned) == len(query.tokens) == len(ctoks)
    # sharing only short words ("Li", "Ri" among syllables of a Chinese reading) is as weak
    # as sharing only generic ones
    if all(len(query.tokens[i]) <= 2 for i, _, _ in aligned):
        distinct = False
    if not distinct and not complete and not (char_score >= 0.9 and any(query.distinctive)):
        score = min(score, GUARD_CEILING)
        notes.append("only generic words or numbers align, so it cannot alert")
    cnums = index.name_numbers[name_id]
    if cnums and query.numbers != cnums and (query.numbers or len(ctoks) <= 3):
        score *= NUMBER_MISMATCH_FACTOR
        notes.append(
            f"numbers differ ({', '.join(sorted(query.numbers)) or 'none'} vs "
            f"{', '.join(sorted(cnums))}) (x{NUMBER_MISMATCH_FACTOR})"
        )
    legal = legal_form_words()
    extra = [i for i in range(len(query.tokens))
             if i not in used_q and query.tokens[i] not in legal]
    if len(ctoks) == 1 and extra and char_score < 0.9:
        score = min(score, GUARD_CEILING)
        notes.append("the listed name is one word inside a longer name, so it cannot alert")
    if country:
        countries = index.entries[name.entry][1].countries
        if countries and country in countries:
            score = min(1.0, score + COUNTRY_AGREE_BONUS)
            notes.append(f"country {country} agrees with the entry (+{COUNTRY_AGREE_BONUS})")
        elif countries:
            score *= COUNTRY_DISAGREE_FACTOR
            notes.append(
                f"country {country} is not among the entry's ({', '.join(countries)}) "
                f"(x{COUNTRY_DISAGREE_FACTOR})"
            )
    return _Detail(score, token_score, char_score, aligned, notes)


def _explain(index: ScreeningIndex, query: _Query, name_id: int, detail: _Detail) -> str:
    name = index.names[name_id]
    ctoks = name.tokens
    used_q = {i for i, _, _ in detail.aligned}
    used_c = {j for _, j, _ in detail.aligned}
    parts = []
    for i, j, sim in sorted(detail.aligned):
        q, c = query.tokens[i], index.tokens[ctoks[j]]
        if sim >= 1.0:
            parts.append(f"'{q}' (exact)")
        else:
            parts.append(f"'{q}'~'{c}' (spelling or romanisation variant, {sim:.2f})")
    text = f"aligned {', '.join(parts) or 'nothing'}"
    if query.corrections:
        fixes = ", ".join(f"'{a}' as '{b}'" for a, b in query.corrections)
        text = f"read {fixes} (one typo in a common word); " + text
    text += f"; weighted token overlap {detail.token_score:.2f}"
    if detail.char_score >= 0.9:
        text += f", whole-name character similarity {detail.char_score:.2f}"
    unaligned_q = [query.tokens[i] for i in range(len(query.tokens)) if i not in used_q]
    unaligned_c = [index.tokens[ctoks[j]] for j in range(len(ctoks)) if j not in used_c]
    if unaligned_q:
        text += f"; not in the listed name: {', '.join(unaligned_q)}"
    if unaligned_c:
        text += f"; only in the listed name: {', '.join(unaligned_c)}"
    if query.legal_forms or name.legal_forms:
        text += (
            f"; legal forms set aside: {', '.join(query.legal_forms) or 'none'} vs "
            f"{', '.join(name.legal_forms) or 'none'}"
        )
    if query.script != "latin":
        text += f"; query read as {query.script} ({' '.join(query.tokens)})"
    if detail.notes:
        text += "; " + "; ".join(detail.notes)
    return text + f"; score {detail.score:.2f}"


def search(
    index: ScreeningIndex,
    name: str,
    country: str | None = None,
    lists: frozenset[str] | None = None,
    limit: int = 10,
    floor: float = REPORT_FLOOR,
) -> list[Scored]:
    """Best-scoring entries for a name (one result per entry, best first)."""
    best: dict[int, tuple[float, int, _Query, _Detail]] = {}
    for form in name_forms(name):
        for query in _prepare(index, form):
            exact = [
                n for n in index.by_joined.get(query.joined, ())
                if lists is None or index.list_of_name[n] in lists
            ]
            for name_id in dict.fromkeys([*exact, *_candidates(index, query, lists)]):
                detail = _score(index, query, name_id, country, floor)
                if detail is None or detail.score < floor:
                    continue
                entry_pos = index.names[name_id].entry
                current = best.get(entry_pos)
                if current is None or detail.score > current[0]:
                    best[entry_pos] = (detail.score, name_id, query, detail)
    # equal scores: the name written most like the query first ("YASSIN CHOUKA" before
    # "CHOUKA, Yassin"), then the name with fewer words the query does not have ("JSC V.
    # TIKHOMIROV ..." after "Tikhomirov ..., JSC" for a query without the initial), then
    # list order so results are stable
    ranked = sorted(
        best.items(),
        key=lambda kv: (-kv[1][0], -kv[1][3].char_score,
                        len(index.name_tokens[kv[1][1]]) - len(kv[1][3].aligned), kv[0]),
    )[:limit]
    out: list[Scored] = []
    for entry_pos, (_, name_id, query, detail) in ranked:
        out.append(
            Scored(
                entry=entry_pos,
                name_id=name_id,
                score=round(detail.score, 4),
                aligned=tuple(
                    (query.tokens[i], index.tokens[index.names[name_id].tokens[j]], round(sim, 3))
                    for i, j, sim in detail.aligned
                ),
                explanation=_explain(index, query, name_id, detail),
            )
        )
    return out
