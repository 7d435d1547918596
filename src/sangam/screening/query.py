"""A screened name prepared for matching: its tokens, their weights and the listed words
each resembles, computed once per query and shared by every candidate it is scored against.
"""

from __future__ import annotations

import re

from sangam.screening.index import NUMBER_FACTOR, SKELETON_SIM, ScreeningIndex
from sangam.screening.normalize import (
    NameForm,
    generic_words,
    legal_form_words,
    translation_words,
)
from sangam.screening.spelling import ARABIC, arabic_query_keys, compound_split, skeleton

#: A person's name found whole inside another's (match._parts_within_score): its parts must
#: weigh at least this much (two rare parts; not a common given name and family name) ...
PARTIAL_NAME_MIN_WEIGHT = 14.0
#: ... and this much on average: three common names ("HUSSEIN, Ali Ahmed") add up to the
#: weight of two rare ones, yet they are in the full names of many other people
PARTIAL_NAME_MIN_MEAN = 6.0
#: How alike an acronym is to the listed words whose initials it spells: short of exact,
#: since the initials of other words may spell it too.
ACRONYM_SIM = 0.9


class Query:
    """A reading of the screened name prepared for scoring: its words, their weights and
    similar listed words, and lookups the scoring reads for every candidate.

    A plain class with its own __init__ rather than a dataclass: mypyc compiles this
    __init__, while the one a dataclass generates runs as interpreted Python, some 13,000
    machine instructions per Query (a batch makes one or more per name; see
    docs/performance.md).
    """

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
    article_in_word: bool
    #: an Arabic-script query: a listed name's titles ("Haji", "Mullah") left unaligned
    #: cost nothing, since names in the original script usually leave them out
    titles_aside: bool
    #: an Arabic-script query's distinctive words' consonant keys of three letters or more,
    #: by first letter: (position, key) (see arabic.near_key_pairs); empty for other scripts
    arabic_keys: dict[str, tuple[tuple[int, str], ...]]
    #: two or more words of three letters or more, each distinctive, that weigh enough to
    #: be a person's name inside a listed person's longer name (match._query_within_score)
    parts_weigh: bool
    #: positions of words written as acronyms (NameForm.acronyms)
    acronyms: tuple[int, ...]
    #: whether each word is a whole katakana word (compared as the word it spells)
    katakana: list[bool]
    #: NameForm.whole_only
    whole_only: bool

    def __init__(
        self,
        *,
        tokens: list[str],
        legal_forms: tuple[str, ...],
        script: str,
        weights: list[float],
        sims: list[dict[int, float]],
        distinctive: list[bool],
        is_number: list[bool],
        weight_sum: float,
        joined: str,
        numbers: frozenset[str],
        legal: list[bool],
        corrections: tuple[tuple[str, str], ...],
        by_token: dict[int, list[tuple[int, float]]],
        by_initial: dict[str, list[int]],
        by_initial_common: dict[str, list[int]],
        any_legal: bool,
        distinct_joined: str,
        legal_weight: float,
        article_in_word: bool,
        titles_aside: bool,
        arabic_keys: dict[str, tuple[tuple[int, str], ...]],
        parts_weigh: bool,
        acronyms: tuple[int, ...],
        katakana: list[bool],
        whole_only: bool,
    ) -> None:
        self.tokens = tokens
        self.legal_forms = legal_forms
        self.script = script
        self.weights = weights
        self.sims = sims
        self.distinctive = distinctive
        self.is_number = is_number
        self.weight_sum = weight_sum
        self.joined = joined
        self.numbers = numbers
        self.legal = legal
        self.corrections = corrections
        self.by_token = by_token
        self.by_initial = by_initial
        self.by_initial_common = by_initial_common
        self.any_legal = any_legal
        self.distinct_joined = distinct_joined
        self.legal_weight = legal_weight
        self.pair_memo = {}  # filled as candidates are scored
        self.article_in_word = article_in_word
        self.titles_aside = titles_aside
        self.arabic_keys = arabic_keys
        self.parts_weigh = parts_weigh
        self.acronyms = acronyms
        self.katakana = katakana
        self.whole_only = whole_only


_DIGIT = re.compile(r"\d")


def is_number(token: str) -> bool:
    return _DIGIT.search(token) is not None


_ARABIC_COMPOUND_HEADS = ("عبد", "ابو", "أبو", "بو", "بن", "ابن")


def _known_join(index: ScreeningIndex, join: str, script: str) -> bool:
    if join in index.vocab:
        return True
    if script == "arabic":
        # only the compounds lists write as one word: عبد القادر "Abdelkader", أبو بكر
        # "Abubakar", بن لادن "Binladen" (two given names joined would meet unrelated words)
        # or "... ad-Din", which lists write joined as often as apart: جلال الدين
        # "Jalaluddin", صلاح الدين "Salahuddin" (a reading beside the words apart)
        return (join.startswith(_ARABIC_COMPOUND_HEADS) or join.endswith("الدين")) and any(
            key in index.arabic_index() for key in arabic_query_keys(join) if len(key) >= 4
        )
    # or a listed word less one letter (レーザーチップス read "laser chip", LASERCHIPS)
    return len(join) >= 6 and (skeleton(join) in index.skeletons or (
        len(join) >= 8 and join in index.deletes))


def _join_length(index: ScreeningIndex, tokens: list[str], i: int, script: str) -> int:
    """How many words from position i join into one listed word (3 or 2; 0: none). A
    listed word itself comes first, then a looser join (`_known_join`), so the pinyin
    "chang sha jing jia" joins "changsha", a listed word, rather than "changshajing", whose
    skeleton some listed word shares."""
    # a lone letter is an initial or a letter of a spelt name, not a piece of a split
    # word: joined, "i technology" became "itechnology", a letter off "K TECHNOLOGY"
    spans = [n for n in (3, 2)
             if i + n <= len(tokens) and all(len(t) > 1 for t in tokens[i : i + n])]
    for n in spans:
        if "".join(tokens[i : i + n]) in index.vocab:
            return n
    for n in spans:
        if _known_join(index, "".join(tokens[i : i + n]), script):
            return n
    return 0


#: Initials a katakana word's Hepburn reading may stand for in the word it spells: k for
#: c and q, s for c, b and f for v and w (katakana has no c, q, v or w of its own but ヴ).
_KATAKANA_INITIALS = {"k": "kcq", "s": "sc", "b": "bvw", "f": "fvwp", "v": "vwb"}


def _token_script(form: NameForm, token: str) -> str:
    """How a query word meets listed words: a whole katakana word as the foreign word it
    spells; an English word in an Arabic-script name (normalize.arabic_in_english) as the
    Latin word it is."""
    if token in form.katakana:
        return "katakana"
    if form.script == "arabic" and not ARABIC.search(token):
        return "latin"
    return form.script


def _parts_weigh(toks: list[str], weights: list[float], distinctive: list[bool]) -> bool:
    """Whether the words could be a person's name found whole inside a listed person's
    longer name: two or more, none short or generic, and rare enough together (the
    thresholds of the reverse case, a listed name inside the query's)."""
    return (len(toks) >= 2 and all(distinctive) and all(len(t) >= 3 for t in toks)
            and sum(weights) >= max(PARTIAL_NAME_MIN_WEIGHT,
                                    PARTIAL_NAME_MIN_MEAN * len(toks)))


def _keys_by_initial(
    toks: list[str], distinctive: list[bool]
) -> dict[str, tuple[tuple[int, str], ...]]:
    """An Arabic query's distinctive words' keys of three letters or more, by first letter."""
    found: dict[str, list[tuple[int, str]]] = {}
    for i, tok in enumerate(toks):
        if distinctive[i] and ARABIC.search(tok):
            for key in sorted(arabic_query_keys(tok)):
                if len(key) >= 3:
                    found.setdefault(key[0], []).append((i, key))
    return {first: tuple(keys) for first, keys in found.items()}


def _best_of(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    """Listed words like either of two spellings, each with the better similarity."""
    if not b:
        return a
    out = dict(a)
    for tid, sim in b.items():
        if sim > out.get(tid, 0.0):
            out[tid] = sim
    return out


#: Letters that do not join the next one: a space after them does not show, and is often
#: left out (أحمدكاظم for أحمد كاظم, "Ahmad Kazim").
_NON_JOINING = frozenset("اأإآدذرزوؤةى")
#: Pieces a word is split into are at least this long (two letters are a word's ending
#: as often as a word).
_MISSING_SPACE_MIN = 3


def restore_missing_spaces(index: ScreeningIndex, tokens: list[str]) -> list[str]:
    """An Arabic-script name with a space put back after a non-joining letter in a word
    that meets no listed Latin word whole (a list's own Arabic-script name may have it
    so: a name written with the space left out is indexed as written), where both pieces
    meet listed words (the first such place)."""
    out: list[str] = []
    for token in tokens:
        if len(token) >= 2 * _MISSING_SPACE_MIN and set(
                index.similar_tokens(token, "arabic")) <= {index.vocab.get(token)}:
            for end in range(_MISSING_SPACE_MIN, len(token) - _MISSING_SPACE_MIN + 1):
                head, tail = token[:end], token[end:]
                if (head[-1] in _NON_JOINING and index.similar_tokens(head, "arabic")
                        and index.similar_tokens(tail, "arabic")):
                    out += [head, tail]
                    break
            else:
                out.append(token)
            continue
        out.append(token)
    return out


_INITIAL_VOWEL_LETTERS = ("ا", "أ", "إ", "آ", "ع")


def _guessed_join_sims(
    index: ScreeningIndex, token: str, similar: dict[int, float]
) -> dict[int, float]:
    """The listed words a name joined with الدين (_known_join) meets: a guess, so as
    loosely as a two-consonant key (SKELETON_SIM), below a whole name read as written; and
    a join that begins with a vowel letter only words that begin with a vowel (the key
    leaves out the vowel: انصار الدين, the group Ansar al-Din, joined has the consonants
    of the person "Naseruddin", not its initial)."""
    vowel = token.startswith(_INITIAL_VOWEL_LETTERS)
    tokens = index.tokens
    return {tid: min(sim, SKELETON_SIM) for tid, sim in similar.items()
            if not vowel or tokens[tid][:1] in "aeiou"}


def prepare(index: ScreeningIndex, form: NameForm) -> list[Query]:
    """The query's tokens, plus a variant with adjacent tokens joined where the join is a
    listed token ("roma shka" -> "romashka", pinyin syllables -> "shenzhen")."""
    variants = [list(form.tokens)]
    joined: list[str] = []
    i = 0
    tokens = list(form.tokens)
    changed = False
    while i < len(tokens):
        n = _join_length(index, tokens, i, form.script)
        if n:
            joined.append("".join(tokens[i : i + n]))
            i += n
            changed = True
        else:
            joined.append(tokens[i])
            i += 1
    if changed:
        variants.append(joined)
    if form.script == "arabic":
        # the lists write such compounds apart as often as joined (never indexed: a
        # query's reading only)
        apart = compound_split(tokens)
        if apart != tokens:
            variants.append(apart)
        spaced = restore_missing_spaces(index, tokens)
        if spaced != tokens:
            variants.append(spaced)
    generic = generic_words()
    legal_words = legal_form_words()
    glossary = translation_words()
    max_weight = index.max_weight
    out: list[Query] = []
    for toks in variants:
        weights: list[float] = []
        distinctive: list[bool] = []
        numbers = [is_number(t) for t in toks]
        # a whole katakana word is compared as the foreign word it spells (_token_script);
        # a run read as a loanword, as that word and as the katakana word, unless the word
        # is generic ("system", "technology": many listed words resemble their katakana,
        # and they identify nothing)
        sims = [index.similar_tokens(tok, _token_script(form, tok)) for tok in toks]
        if form.script == "arabic" and toks is not variants[0]:
            # a word ending in الدين that the name does not have was joined (_known_join)
            sims = [_guessed_join_sims(index, tok, similar)
                    if tok.endswith("الدين") and tok not in form.tokens else similar
                    for tok, similar in zip(toks, sims, strict=True)]
        if form.loanwords:
            hepburn = dict(form.loanwords)
            for k, tok in enumerate(toks):
                if tok in hepburn and tok not in form.katakana and tok not in generic:
                    sims[k] = _best_of(sims[k], index.similar_tokens(hepburn[tok], "katakana"))
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
        # a glossary word of a translated reading is the list's word only roughly: it is
        # also compared with listed words of its initial, as common words are, so that
        # "physics" meets "PHYSICAL" and "electromechanical" "ELECTROMECHANICS" (two or
        # three letters apart, beyond the one-typo keys)
        translated = form.script == "translated"
        katakana = [tok in form.katakana for tok in toks]
        for i, tok in enumerate(toks):
            if not numbers[i]:
                # a katakana word's initial may be another letter in the word it spells
                # (コンポネンツ "konponentsu", "components")
                for initial in _KATAKANA_INITIALS.get(tok[:1], tok[:1]) if katakana[i] \
                        else tok[:1]:
                    by_initial.setdefault(initial, []).append(i)
                if not distinctive[i] or (translated and tok in glossary):
                    by_initial_common.setdefault(tok[:1], []).append(i)
        out.append(
            Query(
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
                article_in_word=form.script == "arabic" and any(
                    t.startswith(("ال", "آل")) and len(t) > 2 for t in toks),
                titles_aside=form.script == "arabic",
                arabic_keys=_keys_by_initial(toks, distinctive) if form.script == "arabic"
                else {},
                parts_weigh=_parts_weigh(toks, weights, distinctive),
                acronyms=tuple(i for i, t in enumerate(toks) if t in form.acronyms),
                katakana=katakana,
                whole_only=form.whole_only,
            )
        )
    return out
