"""The compiled index: every listed name, tokenised, with postings for candidate retrieval.

Retrieval never scans every listed name. A query token finds listed tokens through three
keys built once: the exact token, its deletion neighbourhood (all strings with one character
removed, so one typo, insertion or transposition meets), and its consonant skeleton
(romanisation and cross-script variants). Each listed token carries the names it occurs in.
Only distinctive tokens (not generic words, not numbers, not in a large share of names)
retrieve candidates; generic words still count when a candidate is scored.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from sangam.screening.model import ListEntry, ListInfo
from sangam.screening.normalize import (
    NameForm,
    generic_words,
    in_english,
    legal_form_words,
    name_forms,
    translation_words,
)
from sangam.screening.spelling import (
    arabic_latin_keys,
    arabic_query_keys,
    cyrillic_respellings,
    katakana_keys,
    katakana_loose,
    latin_key,
    latin_loose,
    skeleton,
)

#: Words that join a name's words without naming anything: a name of generic words aligned
#: whole but for these is still the same name.
FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "in", "de", "la"})
#: Token similarity below this does not align two tokens.
MIN_TOKEN_SIM = 0.72
#: Similarity given to two tokens whose skeletons agree (romanisation variants).
SKELETON_SIM = 0.86
#: Between two Latin spellings, agreeing skeletons count only for words this long: short
#: words share skeletons by chance ("Subaru"/"Sobar", "ispace"/"SPC").
LATIN_SKELETON_MIN = 6
#: Similarity of an Arabic-script word to a Latin word with the same consonant key.
ARABIC_SIM = 0.92
#: Similarity of a word read from Cyrillic to a listed word spelt as one of its other
#: Latin spellings (spelling.cyrillic_respellings: "vorks" and "works"); below an exact
#: spelling, so a listed name written as the transliteration reads ranks first.
CYRILLIC_SIM = 0.95
#: Similarity of a katakana word to a Latin word it may spell: BASE + SPAN x the letter
#: similarity of the two loosened spellings (katakana_loose).
KATAKANA_BASE = 0.4
KATAKANA_SPAN = 0.55
#: Loosened spellings less alike than this are not the same word.
KATAKANA_MIN_ALIKE = 0.6
#: Query words whose similar listed words are remembered at most.
SIMILAR_CACHE_SIZE = 200_000
#: Generic words weigh at most as much as a word in this share of names, times the factor.
GENERIC_SHARE = 0.01
GENERIC_FACTOR = 0.35
#: Numbers weigh this share of their rarity.
NUMBER_FACTOR = 0.6
#: A token in more names than this share does not retrieve candidates on its own.
MAX_POSTING_SHARE = 0.02


#: The Arabic article as lists write it apart ("AL-TIKRITI"): its consonant key is that of
#: علي "Ali", which must not align with it ("Ali Saddam Hussein" is not "Saddam Hussein").
#: Before a sun letter the article is assimilated and lists write it so ("ES SAYED" for
#: السيد, "AR-RAHMAN", "Zaki-ur-Rehman", "Bashir-ud-Din"); "et", "en" and "un" are left
#: out (French "and", Spanish "in", Korean "Un"). With a particle joined: "wal" (and
#: the), "bil", "fil", "lil".
_LATIN_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed",
                             "es", "ul", "ud", "ur", "ut", "wal", "bil", "fil", "lil"})
_ARABIC_ARTICLES = frozenset({"ال", "آل"})
#: Titles a listed name carries and a name in the original script usually leaves out
#: ("BARAKZAI, Haji Khairullah" for خيرالله بارکزی): set aside for Arabic-script queries.
_TITLES = frozenset({"haji", "hajji", "mullah", "mulla", "mawlawi", "maulawi", "maulvi",
                     "mawlavi", "maulavi", "moulavi", "qari", "sheikh", "shaykh", "shaikh",
                     "hafiz", "mufti", "maulana", "mawlana"})


@dataclass(frozen=True)
class IndexedName:
    """One name of one entry in one Latin reading."""

    entry: int  # position in ScreeningIndex.entries
    text: str  # the name as the list writes it
    tokens: tuple[int, ...]  # token ids
    legal_forms: tuple[str, ...]


@dataclass
class ScreeningIndex:
    """All entries of the selected lists, ready to screen against."""

    lists: dict[str, ListInfo]
    entries: list[tuple[str, ListEntry]] = field(default_factory=list)
    names: list[IndexedName] = field(default_factory=list)
    vocab: dict[str, int] = field(default_factory=dict)
    tokens: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    distinctive: list[bool] = field(default_factory=list)
    deletes: dict[str, list[int]] = field(default_factory=dict)
    skeletons: dict[str, list[int]] = field(default_factory=dict)
    list_of_name: list[str] = field(default_factory=list)
    is_number: list[bool] = field(default_factory=list)
    name_weight: list[float] = field(default_factory=list)
    name_joined: list[str] = field(default_factory=list)
    #: each name's words' initials, function words left out: a query's acronym can only
    #: stand for words of a name whose initials contain it (match._acronym_pairs)
    name_initials: list[str] = field(default_factory=list)
    name_numbers: list[frozenset[str]] = field(default_factory=list)
    max_weight: float = 1.0
    generic_weight: float = 1.0
    is_legal: list[bool] = field(default_factory=list)
    name_has_legal: list[bool] = field(default_factory=list)
    #: weight of a name's legal-form words (the most scoring can set aside)
    name_legal_weight: list[float] = field(default_factory=list)
    #: whether a token is the Arabic article written apart ("al", "el"), and the weight of
    #: a name's such words (set aside for Arabic-script queries, see query.Query)
    is_article: list[bool] = field(default_factory=list)
    name_article_weight: list[float] = field(default_factory=list)
    #: how much more than a generic word a glossary word weighs ("institute", "testing"),
    #: and the sum over a name's words: a Japanese or Chinese name's wording is approximate
    #: (METI leaves out "Concern", renders words otherwise), so such a listed word left
    #: unaligned by a reading of one costs it only what a generic word costs
    soft_excess: list[float] = field(default_factory=list)
    name_soft_excess: list[float] = field(default_factory=list)
    #: the same for titles ("Haji", "Mullah")
    is_title: list[bool] = field(default_factory=list)
    name_title_weight: list[float] = field(default_factory=list)
    #: each name's token ids (IndexedName.tokens, one lookup away for scoring)
    name_tokens: list[tuple[int, ...]] = field(default_factory=list)
    posting_arrays: list[npt.NDArray[np.intp]] = field(default_factory=list)
    name_list_code: npt.NDArray[np.int16] = field(default_factory=lambda: np.zeros(0, np.int16))
    name_length: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    #: each name's entry (IndexedName.entry), for candidate cuts that count entries
    name_entry: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    _list_masks: dict[frozenset[str], npt.NDArray[np.bool_]] = field(default_factory=dict)
    _arabic: dict[str, list[int]] | None = None
    _skeleton_deletes: dict[str, list[int]] | None = None
    _generic_skeletons: dict[str, list[int]] | None = None
    _latin_keys: dict[str, list[int]] | None = None
    #: each listed token's loosened spelling (latin_loose) and phonetic key (latin_key),
    #: by token id (built with _latin_keys: only katakana queries compare with them)
    _loose: list[str] | None = None
    _latin_key: list[str] | None = None
    _similar: dict[tuple[str, str], dict[int, float]] = field(default_factory=dict)
    #: name id -> its words other than generic ones, run together (remembered: it depends
    #: on the name only)
    _distinct_joined: dict[int, str] = field(default_factory=dict)
    by_joined: dict[str, list[int]] = field(default_factory=dict)

    # -- building -----------------------------------------------------------------------
    @classmethod
    def build(
        cls, lists: dict[str, ListInfo], entries: Iterable[tuple[str, ListEntry]]
    ) -> ScreeningIndex:
        index = cls(lists=lists)
        df: list[int] = []
        for list_id, entry in entries:
            position = len(index.entries)
            index.entries.append((list_id, entry))
            for text in entry.all_names():
                for form in name_forms(text):
                    if form.shortened:
                        # a listed name is indexed under its own readings only: a shorter
                        # name inside it ("マイクロテクノロジー" after its parent's name) would
                        # alert on another firm that happens to share it; queries still read
                        # their shortened names, so a METI subsidiary named alone is found
                        continue
                    readings = [form.tokens]
                    if form.script == "latin":
                        english = in_english(form.tokens)
                        if english != form.tokens:
                            readings.append(english)
                    for tokens in readings:
                        ids = tuple(index._token_id(t, df) for t in tokens)
                        for tid in set(ids):
                            df[tid] += 1
                        index.names.append(IndexedName(position, text, ids, form.legal_forms))
        index._finish(df)
        return index

    def _token_id(self, token: str, df: list[int]) -> int:
        tid = self.vocab.get(token)
        if tid is None:
            tid = len(self.tokens)
            self.vocab[token] = tid
            self.tokens.append(token)
            df.append(0)
        return tid

    def _finish(self, df: list[int]) -> None:
        total = max(len(self.names), 1)
        generic = generic_words()
        cap = max(50, int(total * MAX_POSTING_SHARE))
        self.list_of_name = [self.entries[n.entry][0] for n in self.names]
        postings: list[list[int]] = [[] for _ in self.tokens]
        for name_id, name in enumerate(self.names):
            for tid in set(name.tokens):
                postings[tid].append(name_id)
        self.generic_weight = GENERIC_FACTOR * math.log(1 + 1 / GENERIC_SHARE)
        legal = legal_form_words()
        self.is_legal = [token in legal for token in self.tokens]
        for tid, token in enumerate(self.tokens):
            idf = math.log(1 + total / (1 + df[tid]))
            is_number = any(ch.isdigit() for ch in token)
            is_generic = token in generic or len(token) == 1
            # a generic word weighs as if it were in GENERIC_SHARE of names even when the
            # lists rarely keep it ("stock" is usually cut as part of a legal form)
            weight = (min(idf * GENERIC_FACTOR, self.generic_weight) if is_generic
                      else idf * NUMBER_FACTOR if is_number else idf)
            self.weights.append(weight)
            self.is_number.append(is_number)
            self.distinctive.append(not (is_generic or is_number) and df[tid] <= cap)
            if not self.distinctive[tid]:
                continue
            for key in deletion_keys(token):
                self.deletes.setdefault(key, []).append(tid)
            skel = skeleton(token)
            if len(skel) >= 3:
                self.skeletons.setdefault(skel, []).append(tid)

    # -- lookup ---------------------------------------------------------------------------
        self.max_weight = max(self.weights, default=1.0)
        # the postings as numpy arrays, so retrieval sums candidate bounds in C
        self.posting_arrays = [np.asarray(p, dtype=np.intp) for p in postings]
        codes = {list_id: k for k, list_id in enumerate(self.lists)}
        self.name_list_code = np.asarray([codes[lid] for lid in self.list_of_name], np.int16)
        for name in self.names:
            self.name_weight.append(sum(self.weights[t] for t in name.tokens))
            self.name_joined.append("".join(self.tokens[t] for t in name.tokens))
            self.name_initials.append("".join(self.tokens[t][:1] for t in name.tokens
                                              if self.tokens[t] not in FUNCTION_WORDS))
            self.by_joined.setdefault(self.name_joined[-1], []).append(len(self.name_joined) - 1)
            self.name_numbers.append(
                frozenset(self.tokens[t] for t in name.tokens if self.is_number[t])
            )
        self.name_length = np.asarray([len(j) for j in self.name_joined], np.int32)
        self.name_entry = np.asarray([n.entry for n in self.names], np.int32)
        self.name_has_legal = [any(self.is_legal[t] for t in n.tokens) for n in self.names]
        self.name_tokens = [n.tokens for n in self.names]
        self.is_article = [token in _LATIN_ARTICLES for token in self.tokens]
        self.name_article_weight = [
            sum(self.weights[t] for t in n.tokens if self.is_article[t]) for n in self.names
        ]
        self.is_title = [token in _TITLES for token in self.tokens]
        self.name_title_weight = [
            sum(self.weights[t] for t in n.tokens if self.is_title[t]) for n in self.names
        ]
        self.name_legal_weight = [
            sum(self.weights[t] for t in n.tokens if self.is_legal[t]) for n in self.names
        ]
        glossary = translation_words()
        self.soft_excess = [w - min(w, self.generic_weight) if token in glossary else 0.0
                            for token, w in zip(self.tokens, self.weights, strict=True)]
        self.name_soft_excess = [sum(self.soft_excess[t] for t in n.tokens) for n in self.names]

    def list_mask(self, lists: frozenset[str]) -> npt.NDArray[np.bool_]:
        """Which list codes (name_list_code) are among `lists`."""
        mask = self._list_masks.get(lists)
        if mask is None:
            mask = np.asarray([lid in lists for lid in self.lists], dtype=bool)
            self._list_masks[lists] = mask
        return mask

    def distinct_joined(self, name_id: int) -> str:
        """A name's words other than generic ones, run together (remembered: it depends on
        the name only)."""
        found = self._distinct_joined.get(name_id)
        if found is None:
            generic = generic_words()
            found = self._distinct_joined[name_id] = "".join(
                token for token in (self.tokens[t] for t in self.name_tokens[name_id])
                if token not in generic
            )
        return found

    def arabic_index(self) -> dict[str, list[int]]:
        """Listed Latin words by their Arabic key (built on the first Arabic-script query,
        so screening Latin names never pays for it)."""
        if self._arabic is None:
            table: dict[str, list[int]] = {}
            for tid, token in enumerate(self.tokens):
                if token.isalpha() and token.isascii():
                    for key in arabic_latin_keys(token):
                        table.setdefault(key, []).append(tid)
            self._arabic = table
        return self._arabic

    def skeleton_deletes(self) -> dict[str, list[int]]:
        """Distinctive Latin words by their skeleton and its one-deletion keys (built on the
        first katakana query, like arabic_index)."""
        if self._skeleton_deletes is None:
            table: dict[str, list[int]] = {}
            for skel, tids in self.skeletons.items():
                for key in deletion_keys(skel):
                    table.setdefault(key, []).extend(tids)
            self._skeleton_deletes = table
        return self._skeleton_deletes

    def latin_keys(self) -> dict[str, list[int]]:
        """Distinctive Latin words by their phonetic key (latin_key) and its one-deletion
        keys, for katakana queries (built on the first one, like arabic_index)."""
        if self._latin_keys is None:
            self._latin_key = [latin_key(token) for token in self.tokens]
            self._loose = [latin_loose(token) for token in self.tokens]
            table: dict[str, list[int]] = {}
            for tid, token in enumerate(self.tokens):
                if self.distinctive[tid] and token.isascii() and token.isalpha():
                    key = self._latin_key[tid]
                    for variant in deletion_keys(key) if key else ():
                        table.setdefault(variant, []).append(tid)
            self._latin_keys = table
        return self._latin_keys

    def katakana_spellings(self) -> tuple[list[str], list[str]]:
        """Every listed token's loosened spelling and phonetic key, by token id (built with
        latin_keys, on the first katakana query)."""
        self.latin_keys()
        assert self._loose is not None and self._latin_key is not None
        return self._loose, self._latin_key

    def generic_skeletons(self) -> dict[str, list[int]]:
        """Generic listed words of four letters or more in few names ("moscow": 59 names),
        by their skeleton (built on the first non-Latin query, like arabic_index).

        Generic words never retrieve for their own spelling (a shared "Moscow" says little),
        but a non-Latin query's own word may be their other spelling ("москов", モスクワ
        "moskva"), and a name whose only such word is generic is otherwise never found."""
        if self._generic_skeletons is None:
            generic = generic_words()
            cap = max(50, int(len(self.names) * MAX_POSTING_SHARE))
            table: dict[str, list[int]] = {}
            for tid, token in enumerate(self.tokens):
                if (token in generic and len(token) >= 4 and token.isalpha()
                        and len(self.posting_arrays[tid]) <= cap):
                    skel = skeleton(token)
                    if len(skel) >= 3:
                        table.setdefault(skel, []).append(tid)
            self._generic_skeletons = table
        return self._generic_skeletons

    def similar_tokens(self, token: str, script: str = "latin") -> dict[int, float]:
        """Listed tokens resembling a query token, with their similarity (0-1).

        Remembered per index (bounded), since the words of a batch repeat ("technologies",
        "india", a family name); the index never changes once built.
        """
        key = (token, script)
        found = self._similar.get(key)
        if found is None:
            if len(self._similar) >= SIMILAR_CACHE_SIZE:
                self._similar.clear()
            found = self._similar[key] = self._similar_tokens(token, script)
        return found

    def clear_caches(self) -> None:
        """Forget remembered lookups (benchmarks measure fresh names)."""
        self._similar.clear()

    def _similar_tokens(self, token: str, script: str) -> dict[int, float]:
        if script == "arabic":
            table = self.arabic_index()
            # three consonants or more agreeing is strong evidence; one or two is weak
            keyed = {tid: ARABIC_SIM if len(key) >= 3 else SKELETON_SIM
                     for key in sorted(arabic_query_keys(token)) for tid in table.get(key, ())
                     if token in _ARABIC_ARTICLES or self.tokens[tid] not in _LATIN_ARTICLES}
            own = self.vocab.get(token)  # the lists' own Arabic-script names
            if own is not None:
                keyed[own] = 1.0
            return keyed
        found: dict[int, float] = {}
        exact = self.vocab.get(token)
        if exact is not None:
            found[exact] = 1.0
        if len(token) < 3 or (not token.isalpha() and any(ch.isdigit() for ch in token)):
            if script == "cyrillic":  # an initial too: "ООО и т к" is "I T C"
                self._add_cyrillic_respellings(token, found)
            return found
        candidates: set[int] = set()
        for hit in map(self.deletes.get, deletion_keys(token)):
            if hit is not None:
                candidates.update(hit)
        skel = skeleton(token)
        by_skeleton = set(self.skeletons.get(skel, ())) if len(skel) >= 3 else set()
        candidates |= by_skeleton
        tokens = self.tokens
        min_length = 3 if script != "latin" else LATIN_SKELETON_MIN
        for tid in sorted(candidates):  # sorted: ties rank the same in every run
            if tid in found:
                continue
            sim = token_similarity(token, tokens[tid], tid in by_skeleton, min_length)
            if sim >= MIN_TOKEN_SIM:
                found[tid] = sim
        if script == "katakana":
            self._add_katakana_neighbours(token, found)
        elif script == "cyrillic":
            self._add_cyrillic_respellings(token, found)
        return found

    def _add_cyrillic_respellings(self, token: str, found: dict[int, float]) -> None:
        """Listed words spelt with the other Latin letter Russian writes alike
        (spelling.cyrillic_respellings), at CYRILLIC_SIM unless already closer. Short words
        as well: a one-letter word read from Cyrillic is an initial, and к is as often a
        listed C or Q as a K."""
        for spelling in cyrillic_respellings(token):
            respelt = self.vocab.get(spelling)
            if respelt is not None and found.get(respelt, 0.0) < CYRILLIC_SIM:
                found[respelt] = CYRILLIC_SIM

    def _add_katakana_neighbours(self, token: str, found: dict[int, float]) -> None:
        """Latin words a katakana word may spell ("sutorera" ~ "strela", "vaatikaru" ~
        "vertikal", "irukuutsuku" ~ "irkutsk").

        Candidates come from the loosened spelling (katakana_loose) through the one-typo
        keys, from the consonant skeletons of both spellings one edit apart, since katakana
        cannot write l and r apart, a consonant cluster or a syllable-final r, and from the
        phonetic keys (katakana_keys, latin_key: the sounds katakana writes alike) one edit
        apart. Each is then graded by how alike the spellings are, letter by letter, loosened
        or folded, whichever is closer.
        """
        loose = katakana_loose(token)
        keys = katakana_keys(token)
        candidates: set[int] = set()
        for key in deletion_keys(loose):
            candidates.update(self.deletes.get(key, ()))
        table = self.skeleton_deletes()
        for skel in {skeleton(token), skeleton(loose)}:
            if len(skel) >= 3:
                for key in deletion_keys(skel):
                    candidates.update(table.get(key, ()))
        by_key = self.latin_keys()
        for key in keys:
            if len(key) >= 3:
                for variant in deletion_keys(key):
                    candidates.update(by_key.get(variant, ()))
        if not candidates:
            return
        order = sorted(candidates)  # sorted: ties rank the same in every run
        loosened, folded = self.katakana_spellings()
        # letter similarity of every candidate at once (a katakana word has hundreds); a
        # word without a key (an acronym) scores 0 against it and keeps its loose score
        alike = process.cdist([loose], [loosened[t] for t in order],
                              scorer=OSA.normalized_similarity, dtype=np.float64)[0]
        theirs = [folded[t] for t in order]
        for key in keys:
            np.maximum(alike, process.cdist([key], theirs, scorer=OSA.normalized_similarity,
                                            dtype=np.float64)[0], out=alike)
        for k in np.flatnonzero(alike >= KATAKANA_MIN_ALIKE):
            tid = order[k]
            sim = _katakana_grade(token, self.tokens[tid], float(alike[k]))
            if sim > found.get(tid, 0.0):
                found[tid] = sim

    def form_of(self, text: str) -> tuple[NameForm, ...]:
        return name_forms(text)


def katakana_similarity(token: str, listed: str) -> float:
    """How alike a katakana word's reading and a listed Latin word are, as
    ScreeningIndex._add_katakana_neighbours grades its candidates (one pair at a time, for
    the listed words that are not in the fuzzy keys: generic ones such as "components",
    which a katakana word not known as a loanword, コンポネンツ, may spell); 0.0 when they
    are not alike enough."""
    alike = OSA.normalized_similarity(katakana_loose(token), latin_loose(listed))
    theirs = latin_key(listed)
    if theirs:
        alike = max([alike, *(OSA.normalized_similarity(key, theirs)
                              for key in katakana_keys(token))])
    return _katakana_grade(token, listed, alike) if alike >= KATAKANA_MIN_ALIKE else 0.0


def _katakana_grade(token: str, listed: str, alike: float) -> float:
    """The similarity of a katakana word to a listed word whose loosened or folded
    spellings are `alike` (KATAKANA_BASE + KATAKANA_SPAN x alike), or their plain letter
    similarity if higher."""
    return max(KATAKANA_BASE + KATAKANA_SPAN * alike,
               float(OSA.normalized_similarity(token, listed)))


def deletion_keys(token: str) -> set[str]:
    """The token and every string with one character deleted (SymSpell, distance 1)."""
    if len(token) < 4:
        return {token}
    return {token, *(token[:i] + token[i + 1 :] for i in range(len(token)))}


@lru_cache(maxsize=500_000)
def token_similarity(
    a: str, b: str, same_skeleton: bool | None = None, min_length: int = 3
) -> float:
    """Character similarity of two tokens; romanisation variants count as close."""
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0
    sim = float(OSA.normalized_similarity(a, b))  # a swap of neighbours is one edit
    if same_skeleton is None:
        sk = skeleton(a)
        same_skeleton = len(sk) >= 3 and sk == skeleton(b)
    if same_skeleton and min(len(a), len(b)) >= min_length and sim >= 0.5:
        sim = max(sim, SKELETON_SIM)
    return sim
