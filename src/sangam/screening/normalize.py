"""From a name as written to the tokens matching compares.

Steps, each there for a failure seen in real screening:
1. Unicode NFKC (full-width letters, ligatures, half-width katakana become ordinary).
2. Legal forms in their own script are cut first (株式会社, 有限公司, ООО), because after
   transliteration they would become ordinary-looking words ("kabushiki kaisha").
3. Transliteration to Latin: Japanese through MeCab (fugashi + UniDic-lite) readings, so kanji
   get Japanese, not Chinese, readings; everything else (Cyrillic, Devanagari, Han, Arabic,
   Greek, Hangul, accents) through anyascii. Han-only text is ambiguous (Chinese or Japanese),
   so it yields both readings as separate variants.
4. Case folding, punctuation to spaces, then legal forms at either end of the name are
   removed and remembered (data: legal_forms.yaml).

A "skeleton" key (consonants only, with romanisation variants merged: kh/h, sh/s, ts/c, l/r,
v/b, w/v, y/i, ...) lets "arumazu" (katakana) meet "almaz", "toushiba" meet "toshiba" and
Arabic-without-vowels "mhmd" meet "muhammad".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii
from rapidfuzz.distance import OSA

_HERE = Path(__file__).resolve().parent
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")
_PUNCT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class NameForm:
    """One Latin reading of a name: its core tokens and the legal forms cut from it."""

    tokens: tuple[str, ...]
    legal_forms: tuple[str, ...]
    script: str
    corrections: tuple[tuple[str, str], ...] = ()  # (as written, as read) generic-word typos


@cache
def legal_form_table() -> tuple[dict[tuple[str, ...], str], dict[str, str], int]:
    """(Latin phrase tokens -> label, non-Latin spelling -> label, longest phrase length)."""
    raw: dict[str, list[Any]] = yaml.safe_load(
        (_HERE / "legal_forms.yaml").read_text(encoding="utf-8")
    )
    latin: dict[tuple[str, ...], str] = {}
    native: dict[str, str] = {}
    for label, spellings in raw.items():
        for spelling in spellings:
            text = unicodedata.normalize("NFKC", str(spelling)).casefold()
            if _NON_LATIN.search(text):
                native[text] = label
            else:
                tokens = tuple(_PUNCT.sub(" ", anyascii(text).lower()).split())
                if tokens:
                    latin[tokens] = label
    longest = max(len(k) for k in latin)
    return latin, dict(sorted(native.items(), key=lambda kv: -len(kv[0]))), longest


@cache
def generic_words() -> frozenset[str]:
    """Words that never identify an organisation: generic_words.yaml plus every word of a
    Latin legal form ("limited", "liability", "stock"), which may sit anywhere in a name
    when words are reordered."""
    words: list[str] = yaml.safe_load((_HERE / "generic_words.yaml").read_text(encoding="utf-8"))
    return frozenset(str(w) for w in words) | legal_form_words()


@cache
def legal_form_words() -> frozenset[str]:
    """Every word of a Latin legal form ("joint", "stock", "company", "ltd")."""
    latin, _, _ = legal_form_table()
    return frozenset(t for phrase in latin for t in phrase)


@cache
def _generic_by_deletion() -> dict[str, set[str]]:
    """Generic words of six letters or more under each of their one-deletion keys."""
    table: dict[str, set[str]] = {}
    for word in generic_words():
        if len(word) >= 6 and word.isalpha():
            for key in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
                table.setdefault(key, set()).add(word)
    return table


def correct_generic_typos(tokens: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Mend one typo in a long generic word ("LIMtTED", "OCMPANY" -> limited, company).

    A misspelt legal form is otherwise left in the name as an unknown, and so heavily
    weighted, word, which costs the match. Only an unambiguous correction within one edit
    (or one swap of neighbours) of a generic word of six letters or more is made; distinctive
    words are never touched because they are not in the generic table.
    """
    generic = generic_words()
    table = _generic_by_deletion()
    out = []
    corrections: list[tuple[str, str]] = []
    for token in tokens:
        if len(token) >= 5 and token not in generic and token.isalpha():
            keys = {token, *(token[:i] + token[i + 1 :] for i in range(len(token)))}
            found = {w for k in keys for w in table.get(k, ())}
            found = {w for w in found if len(w) >= 6 and OSA.distance(token, w) <= 1}
            if len(found) == 1:
                corrections.append((token, found.pop()))
                token = corrections[-1][1]
        out.append(token)
    return out, corrections


@cache
def _tagger() -> Any:
    import fugashi  # type: ignore[import-untyped]

    return fugashi.Tagger()


def _japanese_reading(text: str) -> str:
    """Kana/kanji to romaji through UniDic readings, word by word."""
    words = []
    for word in _tagger()(text):
        kana = getattr(word.feature, "kana", None)
        words.append(anyascii(kana if kana and kana != "*" else word.surface))
    return " ".join(words)


def _han_pinyin(text: str) -> str:
    """anyascii gives capitalised syllables ("ZhongGuo"); split them into tokens."""
    return _CAMEL.sub(" ", anyascii(text))


def _cut_native_legal_forms(text: str) -> tuple[str, list[str]]:
    _, native, _ = legal_form_table()
    found: list[str] = []
    folded = text.casefold()
    for spelling, label in native.items():
        if spelling in folded:
            if _KANA.search(spelling) or _HAN.search(spelling):
                folded = folded.replace(spelling, " ")
                found.append(label)
            else:  # Cyrillic abbreviations only as whole words
                new = re.sub(rf"(?<!\w){re.escape(spelling)}(?!\w)", " ", folded)
                if new != folded:
                    folded = new
                    found.append(label)
    return folded, found


def strip_legal_forms(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Remove legal-form phrases at either end (repeatedly); return (core, labels)."""
    latin, _, longest = legal_form_table()
    found: list[str] = []
    changed = True
    while changed and tokens:
        changed = False
        for n in range(min(longest, len(tokens) - 1), 0, -1):
            if tuple(tokens[-n:]) in latin:
                found.append(latin[tuple(tokens[-n:])])
                tokens = tokens[:-n]
                changed = True
                break
            if tuple(tokens[:n]) in latin:
                found.append(latin[tuple(tokens[:n])])
                tokens = tokens[n:]
                changed = True
                break
    return tokens, found


def _latin_tokens(text: str) -> list[str]:
    return _PUNCT.sub(" ", anyascii(text).lower()).split()


@lru_cache(maxsize=200_000)
def name_forms(name: str) -> tuple[NameForm, ...]:
    """Every Latin reading of a name (one for most names, two for Han-only text)."""
    text = unicodedata.normalize("NFKC", name).strip()
    if not text:
        return ()
    native_forms: list[str] = []
    if _NON_LATIN.search(text):
        text, native_forms = _cut_native_legal_forms(text)
    readings: list[tuple[str, str]] = []
    if _KANA.search(text):
        readings.append(("japanese", _japanese_reading(text)))
    elif _HAN.search(text):
        readings.append(("japanese", _japanese_reading(text)))
        readings.append(("chinese", _han_pinyin(text)))
    elif _NON_LATIN.search(text):
        readings.append(("other", anyascii(text)))
    else:
        readings.append(("latin", text))
    forms: list[NameForm] = []
    for script, reading in readings:
        corrected, fixes = correct_generic_typos(_latin_tokens(reading))
        tokens, labels = strip_legal_forms(corrected)
        if not tokens:  # the whole name is a legal form; keep it rather than lose the name
            tokens = _latin_tokens(reading)
        form = NameForm(tuple(tokens), tuple(dict.fromkeys([*native_forms, *labels])), script,
                        tuple(fixes))
        if form.tokens and form not in forms:
            forms.append(form)
    return tuple(forms)


_SKELETON_RULES = (
    ("dzh", "j"), ("tch", "c"), ("sch", "s"), ("shch", "s"), ("kh", "h"), ("sh", "s"),
    ("ch", "c"), ("ts", "c"), ("tz", "c"), ("zh", "j"), ("ph", "f"), ("ck", "k"), ("th", "t"),
    ("gh", "g"), ("dh", "d"), ("q", "k"), ("x", "ks"), ("w", "v"), ("v", "b"), ("l", "r"),
    ("z", "s"), ("c", "k"), ("j", "i"), ("y", "i"),
)
_VOWELS = re.compile(r"[aeiouh]+")
_REPEAT = re.compile(r"(.)\1+")


@lru_cache(maxsize=400_000)
def skeleton(token: str) -> str:
    """Consonant skeleton with romanisation variants merged (see module docstring)."""
    if token.isdigit():
        return token
    out = token
    for old, new in _SKELETON_RULES:
        out = out.replace(old, new)
    out = _VOWELS.sub("", out)
    return _REPEAT.sub(r"\1", out)
