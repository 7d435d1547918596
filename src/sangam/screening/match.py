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

from rapidfuzz import fuzz

from sangam.screening.arabic import drop_lone_near_pairs, may_be_near, near_key_pairs
from sangam.screening.candidates import candidates
from sangam.screening.index import (
    FUNCTION_WORDS,
    MIN_TOKEN_SIM,
    IndexedName,
    ScreeningIndex,
    katakana_similarity,
    token_similarity,
)
from sangam.screening.normalize import (
    generic_words,
    legal_form_words,
    name_forms,
)
from sangam.screening.query import (
    ACRONYM_SIM,
    PARTIAL_NAME_MIN_MEAN,
    PARTIAL_NAME_MIN_WEIGHT,
    Query,
    prepare,
)

#: Score below which a candidate is not reported at all.
REPORT_FLOOR = 0.5
#: Ceiling for matches that align only generic words/numbers, or a one-word listed name.
GUARD_CEILING = 0.55
#: A person's name found whole inside a longer one (either way round): its parts must weigh
#: PARTIAL_NAME_MIN_WEIGHT and PARTIAL_NAME_MIN_MEAN (query.py), and the score is their
#: alignment times BASE + (1 - BASE) x the symmetric overlap.
PARTIAL_NAME_BASE = 0.85
#: ... and when the query's name is the shorter one, at most this (under MATCH_THRESHOLD)
QUERY_WITHIN_CEILING = 0.9
PARTIAL_NAME_MIN_SIM = 0.85
COUNTRY_AGREE_BONUS = 0.03
COUNTRY_DISAGREE_FACTOR = 0.93
NUMBER_MISMATCH_FACTOR = 0.75
#: Readings of a name written in Japanese or Chinese script, whose wording is approximate
#: (index.soft_excess).
_RENDERED = frozenset({"translated", "kana", "japanese", "chinese"})


class Scored:
    """A scored candidate name, before it becomes a public Match (a plain class, not a
    dataclass, for the reason Query gives; read only, never changed once made)."""

    entry: int
    name_id: int
    score: float
    aligned: tuple[tuple[str, str, float], ...]
    explanation: str

    def __init__(self, entry: int, name_id: int, score: float,
                 aligned: tuple[tuple[str, str, float], ...], explanation: str) -> None:
        self.entry = entry
        self.name_id = name_id
        self.score = score
        self.aligned = aligned
        self.explanation = explanation


def _aside(index: ScreeningIndex, query: Query, tid: int) -> bool:
    """A listed word an Arabic-script query does without: the article written apart when
    the query's words carry it ("AL QAEDA" for القاعدة), a title its original-script
    name leaves out ("Haji", "Mullah")."""
    return (query.article_in_word and index.is_article[tid]) or (
        query.titles_aside and index.is_title[tid])


def _parts_within_score(
    weights: list[float], sims: list[float], token_score: float
) -> float:
    """A person's name whose every part is among the other name's parts, which has more.

    Lists often carry a person under fewer names than a full name has ("HIJAZI, Riad" for
    رائد محمد حسن محمد حجازي), and a user often screens a listed person's full name by
    its given and family names only ("Imed Zarkaoui" for "ZARKAOUI, Imed Ben Mekki Ben
    Al-Akhdar"); the symmetric overlap then falls far below the threshold. When every part
    of the shorter name aligns (`weights` and `sims` of its parts) and they weigh enough
    not to be just a common first name and family name, the score is how well they align,
    reduced a little for the longer name's extra parts.
    """
    weight = sum(weights)
    if len(weights) < 2 or weight < max(PARTIAL_NAME_MIN_WEIGHT,
                                        PARTIAL_NAME_MIN_MEAN * len(weights)):
        return 0.0
    if any(sim < PARTIAL_NAME_MIN_SIM for sim in sims):
        return 0.0  # every part must be the same name, not merely like it ("Ben"/"Benz")
    covered = sum(s * w for s, w in zip(sims, weights, strict=True)) / weight
    return covered * (PARTIAL_NAME_BASE + (1 - PARTIAL_NAME_BASE) * token_score)


def _joins(token: str, legal: bool) -> bool:
    """A word that joins a name's words or states its legal form without naming anything:
    a function word, or a legal-form word of two letters or more (a lone "k" of "K.K." or
    "c" of "S.C." may be an initial: "I T K" is not "I T C")."""
    return token in FUNCTION_WORDS or (legal and len(token) >= 2)


def _partial_name_score(
    index: ScreeningIndex, name: IndexedName, aligned: list[tuple[int, int, float]],
    token_score: float, query: Query,
) -> float:
    """The listed person's every name part is in the query (`_parts_within_score`). For an
    Arabic-script query the listed words it does not need (`_aside`: an article written
    apart, a title) are not parts."""
    if index.entries[name.entry][1].entity_type != "individual":
        return 0.0
    parts = [(j, t) for j, t in enumerate(name.tokens) if not _aside(index, query, t)]
    if any(len(index.tokens[t]) < 3 for _, t in parts):
        return 0.0  # "HE, Jing" would be found in any Chinese reading's syllables
    if any(sim < PARTIAL_NAME_MIN_SIM for _, _, sim in aligned):
        return 0.0  # an aside word aligned loosely is no more a sure part than another
    weights, sims = index.weights, {j: sim for _, j, sim in aligned}
    return _parts_within_score([weights[t] for _, t in parts],
                               [sims.get(j, 0.0) for j, _ in parts], token_score)


def _query_within_score(
    index: ScreeningIndex, name: IndexedName, aligned: list[tuple[int, int, float]],
    token_score: float, query: Query,
) -> float:
    """The query's every name part is in the listed person's name (`_parts_within_score`):
    the query's parts must be rare enough (`Query.parts_weigh`). The listed parts the query
    leaves out are unconfirmed, so this is a review at most (QUERY_WITHIN_CEILING): a name
    rare on the lists may be common elsewhere ("Rajesh Kumar")."""
    if not query.parts_weigh or index.entries[name.entry][1].entity_type != "individual":
        return 0.0
    sims = {i: sim for i, _, sim in aligned}
    return min(QUERY_WITHIN_CEILING, _parts_within_score(
        query.weights, [sims[i] for i in range(len(query.weights))], token_score))


def _distinct_parts_alike(index: ScreeningIndex, query: Query, name_id: int) -> bool:
    """Whether the names are alike once generic words are left out.

    The whole-name character comparison is there for words joined or split differently
    ("Roma Shka" / "Romashka"); a long shared generic word must not carry it ("HCL
    Technologies" is not "Coal Technologies").
    """
    mine = query.distinct_joined
    theirs = index.distinct_joined(name_id)
    return not mine or not theirs or fuzz.ratio(mine, theirs) >= 80


class _Detail:
    """A candidate's score and how it came about (a plain class, not a dataclass, for the
    reason Query gives: one is made for every candidate that gets past the bound)."""

    score: float
    token_score: float
    char_score: float
    aligned: list[tuple[int, int, float]]
    notes: list[str]

    def __init__(self, score: float, token_score: float, char_score: float,
                 aligned: list[tuple[int, int, float]], notes: list[str]) -> None:
        self.score = score
        self.token_score = token_score
        self.char_score = char_score
        self.aligned = aligned
        self.notes = notes


def _token_pairs(
    index: ScreeningIndex, query: Query, tid: int
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
    katakana = query.katakana
    for i in by_initial.get(listed[:1], ()):
        if tid in query.sims[i]:
            continue
        sim = token_similarity(query.tokens[i], listed)
        if katakana and katakana[i] and sim < MIN_TOKEN_SIM:
            sim = katakana_similarity(query.tokens[i], listed)
        if sim >= MIN_TOKEN_SIM:
            out.append((sim, q_weights[i] + weight, i))
    if query.arabic_keys:
        out += near_key_pairs(index, query, tid, {i for _, _, i in out})
    return tuple(out), max([sim * w for sim, w, _ in out]) if out else 0.0


def _acronym_pairs(
    index: ScreeningIndex, query: Query, ctoks: tuple[int, ...] | list[int],
    aligned: list[tuple[int, int, float]], used_q: set[int], used_c: set[int],
) -> float:
    """Align a query's unaligned acronym with the run of unaligned listed words whose
    initials spell it, function words between them included ("STC" with "SCIENTIFIC AND
    TECHNICAL CENTER"). METI and the other lists write the same firm one with its kind
    abbreviated and one with it written out; without this the acronym and every word it
    stands for count against the pair. Returns the weight gained (pairs are added to
    `aligned`, `used_q` and `used_c`)."""
    gained = 0.0
    tokens, weights = index.tokens, index.weights
    for i in query.acronyms:
        if i in used_q:
            continue
        letters = query.tokens[i]
        for start in range(len(ctoks)):
            run: list[int] = []
            k, j = 0, start
            while j < len(ctoks) and k < len(letters) and j not in used_c:
                word = tokens[ctoks[j]]
                if word[:1] == letters[k]:
                    run.append(j)
                    k += 1
                elif not run or word not in FUNCTION_WORDS:
                    break
                j += 1
            if k == len(letters):
                pair_weight = query.weights[i] + sum(weights[ctoks[j]] for j in run)
                gained += ACRONYM_SIM * pair_weight
                used_q.add(i)
                used_c.update(run)
                aligned.extend((i, j, ACRONYM_SIM) for j in run)
                break
    return gained


#: Slack on the bound that stops a pair before alignment, far above rounding error.
_BOUND_SLACK = 1e-9
_NO_PAIRS: tuple[tuple[tuple[float, float, int], ...], float] = ((), 0.0)


def _score(
    index: ScreeningIndex, query: Query, name_id: int, country: str | None,
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
    articles_aside = 0
    for tid in ctoks:
        hit = memo.get(tid)
        if hit is None:
            # most listed words neither resemble a query word nor share an initial with
            # one: they make no pair, which needs no closer look
            if tid in query.by_token or (
                query.arabic_keys and may_be_near(query, index.tokens[tid])
            ) or index.tokens[tid][:1] in (
                query.by_initial_common if index.distinctive[tid] else query.by_initial
            ):
                hit = _token_pairs(index, query, tid)
            else:
                hit = _NO_PAIRS
            memo[tid] = hit
        if hit[0]:
            bound += hit[1]
        elif (query.article_in_word or query.titles_aside) and _aside(index, query, tid):
            articles_aside += 1  # not a part of the name (see _partial_name_score)
        else:
            every_word_pairs = False
    char_score = 0.0
    name_joined = index.name_joined[name_id]
    if abs(len(query.joined) - len(name_joined)) <= 0.2 * len(query.joined):
        char_score = fuzz.ratio(query.joined, name_joined) / 100.0
        if char_score >= 0.9 and not _distinct_parts_alike(index, query, name_id):
            char_score = 0.0
    # an acronym of the query may stand for several of the name's words, which no pair
    # bounds: only where the name's initials spell it (rare) is the bound not used
    spelt = bool(query.acronyms) and any(
        query.tokens[i] in index.name_initials[name_id] for i in query.acronyms)
    if char_score < 0.9 and not spelt and not (
        every_word_pairs and 2 <= len(ctoks) - articles_aside < len(query.tokens)
    ) and not (query.parts_weigh and len(query.tokens) < len(ctoks) - articles_aside):
        # neither the whole-name similarity nor a partial name can lift the score: it is
        # the token overlap, at most the bound over the least total (every legal-form word
        # set aside); slack far above rounding keeps this from ever dropping a pair that
        # full scoring would keep
        least = (query.weight_sum + index.name_weight[name_id] - query.legal_weight
                 - index.name_legal_weight[name_id])
        if query.article_in_word:
            least -= index.name_article_weight[name_id]
        if query.script in _RENDERED:
            least -= index.name_soft_excess[name_id]
        if query.titles_aside:
            least -= index.name_title_weight[name_id]
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
    if query.arabic_keys and aligned:
        gained = drop_lone_near_pairs(index, query, ctoks, aligned, used_q, used_c, gained)
    if spelt:
        gained += _acronym_pairs(index, query, ctoks, aligned, used_q, used_c)
    # legal-form words left in a name ("Bank Stock Moscow ... Joint") are set aside like
    # the legal forms cut from its ends: unaligned, they cost nothing
    total = query.weight_sum + index.name_weight[name_id]
    if query.any_legal:
        total -= sum(query.weights[i] for i in range(len(query.tokens))
                     if query.legal[i] and i not in used_q)
    aside_any = bool((query.article_in_word and index.name_article_weight[name_id])
                     or (query.titles_aside and index.name_title_weight[name_id]))
    if aside_any:
        weights = index.weights
        total -= sum(weights[t] for j, t in enumerate(ctoks)
                     if j not in used_c and _aside(index, query, t))
    if index.name_has_legal[name_id]:
        weights, is_legal = index.weights, index.is_legal
        total -= sum(weights[t] for j, t in enumerate(ctoks)
                     if is_legal[t] and j not in used_c)
    if query.script in _RENDERED and index.name_soft_excess[name_id]:
        excess = index.soft_excess
        total -= sum(excess[t] for j, t in enumerate(ctoks) if j not in used_c)
    token_score = gained / total if total else 0.0
    name = index.names[name_id]
    covered_c = len(used_c)
    if aside_any:
        covered_c += sum(1 for j, t in enumerate(ctoks)
                         if j not in used_c and _aside(index, query, t))
    if covered_c == len(ctoks) >= 2 and len(used_q) < len(query.tokens):
        token_score = max(token_score, _partial_name_score(
            index, name, aligned, token_score, query))
    elif len(used_q) == len(query.tokens) and covered_c < len(ctoks):
        token_score = max(token_score, _query_within_score(
            index, name, aligned, token_score, query))
    score = max(token_score, char_score - 0.04) if char_score >= 0.9 else token_score
    if score + COUNTRY_AGREE_BONUS < floor:
        return None
    notes: list[str] = []
    generic = generic_words()
    distinct = any(
        query.distinctive[i] and index.tokens[ctoks[j]] not in generic for i, j, _ in aligned
    )
    # every word of both names aligned, function words and legal-form words apart
    # ("SCIENTIFIC AND RESEARCH INSTITUTE OF ELECTRONIC ENGINEERING MATERIALS" is
    # 電子工学材料科学研究所 whole, though every one of its words is generic; "BANK STOCK
    # MOSCOW INDUSTRIAL COMPANY JOINT" is "JOINT STOCK COMPANY MOSCOW INDUSTRIAL BANK")
    complete = (len(used_q) == len(query.tokens) and len(used_c) == len(ctoks)) or (
        len(aligned) >= 2
        and all(i in used_q or _joins(query.tokens[i], query.legal[i])
                for i in range(len(query.tokens)))
        and all(j in used_c or _joins(index.tokens[t], index.is_legal[t])
                for j, t in enumerate(ctoks)))
    # sharing only short words ("Li", "Ri" among syllables of a Chinese reading) is as weak
    # as sharing only generic ones
    if all(len(query.tokens[i]) <= 2 for i, _, _ in aligned):
        distinct = False
    if not distinct and not complete and not (char_score >= 0.9 and any(query.distinctive)):
        score = min(score, GUARD_CEILING)
        notes.append("only generic words or numbers align, so it cannot alert")
    elif query.whole_only and not complete:
        score = min(score, GUARD_CEILING)
        notes.append("a name of general words only must be the listed name whole to alert")
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


def _explain(index: ScreeningIndex, query: Query, name_id: int, detail: _Detail) -> str:
    name = index.names[name_id]
    ctoks = name.tokens
    used_q = {i for i, _, _ in detail.aligned}
    used_c = {j for _, j, _ in detail.aligned}
    parts = []
    spelt: dict[int, list[str]] = {}  # an acronym's position -> the listed words it spells
    for i, j, _ in detail.aligned:
        spelt.setdefault(i, []).append(index.tokens[ctoks[j]])
    for i, j, sim in sorted(detail.aligned):
        q, c = query.tokens[i], index.tokens[ctoks[j]]
        if len(spelt[i]) > 1:
            if c == spelt[i][0]:
                parts.append(f"'{q}' as the initials of '{' '.join(spelt[i])}' ({sim:.2f})")
        elif sim >= 1.0:
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


def _words_not_in_query(index: ScreeningIndex, query: Query, name_id: int,
                        detail: _Detail) -> int:
    """How many of a listed name's words the query does not have; words an Arabic query
    does without (`_aside`: "AL" of "AL QA'IDA" for القاعدة, a title) are not counted."""
    words = index.name_tokens[name_id]
    aside = (sum(_aside(index, query, t) for t in words)
             if query.article_in_word or query.titles_aside else 0)
    return len(words) - aside - len(detail.aligned)


def search(
    index: ScreeningIndex,
    name: str,
    country: str | None = None,
    lists: frozenset[str] | None = None,
    limit: int = 10,
    floor: float = REPORT_FLOOR,
) -> list[Scored]:
    """Best-scoring entries for a name (one result per entry, best first)."""
    # each entry's best name, and the order of entries: the higher score first; equal
    # scores (to 6 decimals: the same weights summed in another order differ in the last
    # bit), the name written most like the query ("YASSIN CHOUKA" before "CHOUKA, Yassin"),
    # then the name with fewer words the query does not have ("JSC V. TIKHOMIROV ..." after
    # "Tikhomirov ..., JSC" for a query without the initial), then list order
    best: dict[int, tuple[tuple[float, float, int], int, Query, _Detail]] = {}
    for form in name_forms(name):
        for query in prepare(index, form):
            exact = [
                n for n in index.by_joined.get(query.joined, ())
                if lists is None or index.list_of_name[n] in lists
            ]
            for name_id in dict.fromkeys([*exact, *candidates(index, query, lists)]):
                detail = _score(index, query, name_id, country, floor)
                if detail is None or detail.score < floor:
                    continue
                entry_pos = index.names[name_id].entry
                current = best.get(entry_pos)
                rank = (-round(detail.score, 6), -detail.char_score,
                        _words_not_in_query(index, query, name_id, detail))
                if current is None or rank < current[0]:
                    best[entry_pos] = (rank, name_id, query, detail)
    ranked = sorted(best.items(), key=lambda kv: (kv[1][0], kv[0]))[:limit]
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
