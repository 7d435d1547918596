"""A labelled development set built from the lists themselves, for measuring quality.

Kinds of listed queries (each with the set of entries that count as right at rank 1: the
target entry and any entry whose name is the same after normalisation, since several lists
carry the same party): `exact`, `alias`, `typo` (one character changed), `reorder` (words
shuffled), `legal_form` (legal form added, dropped or swapped), `cross_script` (METI
Japanese names and UN original-script names, screened only against the *other* lists, so
they must meet the Latin spelling of the same party, found through a Latin name the
entries share: not a person's one-word name or kunya, "Abu Jihad", which name many
people; and Russian-entity names respelled in Cyrillic). Unlisted queries: real firms
(`data/screening/devset_unlisted.yaml`) and `near_miss` names (a listed organisation's
distinctive word replaced).
Generation is seeded, so every run measures the same set.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import _KANA, _NON_LATIN, generic_words, name_forms

_CYRILLIC = [
    ("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
    ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "й"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"), ("c", "к"), ("w", "в"), ("x", "кс"), ("q", "к"), ("h", "х"),
    ("j", "дж"),
]
_LEGAL = ["Ltd", "Limited", "LLC", "Inc.", "Corporation", "JSC", "Co., Ltd.", "Pvt Ltd", "GmbH"]
_REPLACEMENTS = ["Brightmoor", "Kestrelwood", "Solvanta", "Trivexa", "Marlowind", "Pyrenix",
                 "Halvorsen", "Greenfield", "Bluewater", "Northgate", "Silverline", "Amberlight",
                 "Cloudpeak", "Riverstone", "Oakridge", "Lakeshore", "Fernhill", "Copperleaf",
                 "Starbridge", "Wavecrest", "Sunrise", "Harbor", "Maple", "Orion", "Lotus"]


@dataclass(frozen=True)
class DevCase:
    kind: str
    query: str
    truth: frozenset[tuple[str, str]]  # empty = unlisted
    lists: frozenset[str] | None = None


_RUSSIAN_FORMS = {"llc": "ООО", "jsc": "АО", "ltd": "ООО", "corp": "АО"}


def russian_spelling(name: str) -> str:
    """How a Russian writer would put a listed Latin name: the legal form as its Russian
    abbreviation in front ("ООО"), the rest respelled letter by letter in Cyrillic."""
    form = name_forms(name)[0]
    prefix = [_RUSSIAN_FORMS[f] for f in form.legal_forms[:1] if f in _RUSSIAN_FORMS]
    return " ".join([*prefix, to_cyrillic(" ".join(form.tokens))])


def to_cyrillic(text: str) -> str:
    out = text.lower()
    for latin, cyr in _CYRILLIC:
        out = out.replace(latin, cyr)
    return out


def _same_name_entries(index: ScreeningIndex) -> dict[str, set[tuple[str, str]]]:
    """Entries by their name's words in sorted order: "CHOUKA, Yassin" on one list and
    "YASSIN CHOUKA" on another are the same person, and either is right at rank 1."""
    table: dict[str, set[tuple[str, str]]] = {}
    for name in index.names:
        list_id, entry = index.entries[name.entry]
        key = _key(index.tokens[t] for t in name.tokens)
        table.setdefault(key, set()).add((list_id, entry.source_id))
    return table


def _key(tokens: Iterable[str]) -> str:
    return " ".join(sorted(tokens))


_KUNYA = frozenset({"abu", "abou", "ab", "umm", "um"})


def _nickname(name: str, entity_type: str) -> bool:
    """A person's name of one word or a kunya only ("Husan", "Abu Jihad", "Ab-Bilal"):
    many unrelated people on the lists carry the same one, so sharing it does not make two
    entries the same party."""
    forms = name_forms(name)
    tokens = forms[0].tokens if forms else ()
    return entity_type == "individual" and (
        len(tokens) <= 1 or (len(tokens) == 2 and tokens[0] in _KUNYA))


def has_other_script(text: str) -> bool:
    """True if a letter of the text is outside the Latin script (curly quotes are not)."""
    return any(ch.isalpha() and _NON_LATIN.match(ch) for ch in text)


def _typo(rng: random.Random, text: str) -> str | None:
    words = [w for w in text.split() if len(w) >= 6 and w.isalpha()]
    if not words:
        return None
    word = rng.choice(words)
    pos = rng.randrange(1, len(word) - 1)
    op = rng.choice(["sub", "del", "swap"])
    if op == "sub":
        new = word[:pos] + rng.choice("aeiourstn") + word[pos + 1 :]
    elif op == "del":
        new = word[:pos] + word[pos + 1 :]
    else:
        new = word[: pos - 1] + word[pos] + word[pos - 1] + word[pos + 1 :]
    return text.replace(word, new, 1) if new != word else None


def build_devset(
    index: ScreeningIndex, unlisted_file: Path, per_kind: int = 300, seed: int = 7
) -> list[DevCase]:
    rng = random.Random(seed)
    same = _same_name_entries(index)
    cases: list[DevCase] = []
    latin_orgs = [
        (i, e, lid) for i, (lid, e) in enumerate(index.entries)
        if e.entity_type in ("organization", "individual") and not _NON_LATIN.search(e.name)
    ]
    rng.shuffle(latin_orgs)

    def truth_of(list_id: str, source_id: str, name: str) -> frozenset[tuple[str, str]]:
        out = {(list_id, source_id)}
        for form in name_forms(name):
            out |= same.get(_key(form.tokens), set())
        return frozenset(out)

    by_kind: dict[str, list[DevCase]] = {k: [] for k in
                                         ("exact", "alias", "typo", "reorder", "legal_form")}
    for _pos, entry, list_id in latin_orgs:
        truth = truth_of(list_id, entry.source_id, entry.name)
        if len(by_kind["exact"]) < per_kind:
            by_kind["exact"].append(DevCase("exact", entry.name, truth))
        latin_aliases = [a for a in entry.aliases if not _NON_LATIN.search(a)]
        if latin_aliases and len(by_kind["alias"]) < per_kind:
            alias = rng.choice(latin_aliases)
            by_kind["alias"].append(
                DevCase("alias", alias, truth | truth_of(list_id, entry.source_id, alias))
            )
        typo = _typo(rng, entry.name)
        if typo and len(by_kind["typo"]) < per_kind:
            by_kind["typo"].append(DevCase("typo", typo, truth))
        words = entry.name.replace(",", " ").split()
        if len(words) >= 2 and len(by_kind["reorder"]) < per_kind:
            shuffled = words[:]
            while shuffled == words:
                rng.shuffle(shuffled)
            by_kind["reorder"].append(DevCase("reorder", " ".join(shuffled), truth))
        if entry.entity_type == "organization" and len(by_kind["legal_form"]) < per_kind:
            form = name_forms(entry.name)[0]
            core = " ".join(form.tokens)
            if len(form.tokens) >= 2 or form.legal_forms:
                varied = f"{core} {rng.choice(_LEGAL)}" if rng.random() < 0.7 else core
                by_kind["legal_form"].append(DevCase("legal_form", varied, truth))
    for kind_cases in by_kind.values():
        cases.extend(kind_cases)

    # cross-script: a non-Latin name of an entry, screened against the other lists only
    cross: list[DevCase] = []
    for _list_id, entry in index.entries:
        list_id = _list_id
        native = [a for a in entry.all_names() if has_other_script(a)]
        latin = [a for a in entry.all_names() if not has_other_script(a)]
        if not native or not latin:
            continue
        other: set[tuple[str, str]] = set()
        for name in latin:
            if _nickname(name, entry.entity_type):
                continue  # "Abu Jihad" names many people: no link to the same party
            for form in name_forms(name):
                other |= {t for t in same.get(_key(form.tokens), set()) if t[0] != list_id}
        if not other:
            continue
        query = next((a for a in native if _KANA.search(a)), native[0])
        lists = frozenset(index.lists) - {list_id}
        cross.append(DevCase("cross_script", query, frozenset(other), lists))
    russian = [(lid, e) for lid, e in index.entries
               if "RU" in e.countries and e.entity_type == "organization"
               and not _NON_LATIN.search(e.name)]
    rng.shuffle(russian)
    for list_id, entry in russian[: per_kind // 2]:
        cross.append(DevCase("cross_script", russian_spelling(entry.name),
                             truth_of(list_id, entry.source_id, entry.name)))
    cases.extend(cross)

    names = yaml.safe_load(unlisted_file.read_text(encoding="utf-8"))
    cases.extend(DevCase("unlisted", str(n), frozenset()) for n in names)
    generic = generic_words()
    # replacement words that resemble no listed word, so the result is truly unlisted
    fresh = [w for w in _REPLACEMENTS if not index.similar_tokens(w.lower())]
    near: list[DevCase] = []
    for _pos, entry, _lid in latin_orgs:
        if entry.entity_type != "organization" or len(near) >= per_kind:
            continue
        words = entry.name.split()
        distinct = [w for w in words if re.sub(r"\W", "", w.lower()) not in generic
                    and w.isalpha() and len(w) > 3 and w.lower() in index.vocab]
        core_tokens = name_forms(entry.name)[0].tokens
        # a near miss is another firm with a similar name: short names whose identifying
        # word is swapped (a long name keeping most of its words is still worth a review)
        if len(words) < 3 or len(core_tokens) > 4 or not distinct:
            continue
        # the word that identifies the organisation: the rarest one on the lists
        victim = max(distinct, key=lambda w: index.weights[index.vocab[w.lower()]])
        near.append(DevCase("near_miss", entry.name.replace(victim, rng.choice(fresh)),
                            frozenset()))
    cases.extend(near)
    return cases
