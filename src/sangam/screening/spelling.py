"""Loose spellings under which tokens of other scripts and romanisations meet.

A "skeleton" key (consonants only, with romanisation variants merged: kh/h, sh/s, ts/c, l/r,
v/b, w/v, y/i, ...) lets "arumazu" (katakana) meet "almaz", "toushiba" meet "toshiba" and
Arabic-without-vowels "mhmd" meet "muhammad". Arabic keys are read from the Arabic letters
themselves (a transliteration would already have guessed the vowels), and a katakana word is
compared as the foreign word it spells (the vowels katakana adds dropped, l/r folded).
The index builds its similar-token tables from these keys; normalisation only splits Arabic
names into words.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Any letter of the Arabic script (Arabic, Persian, Urdu, Pashto).
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
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


# French spellings write ش as "ch" and ص/س as "ç" (anyascii "c"): "Cherif", "Faycal"
_LATIN_DIGRAPHS = (("kh", "x"), ("sh", "S"), ("ch", "S"), ("th", "t"), ("dh", "d"),
                   ("gh", "g"), ("dj", "j"), ("q", "k"), ("c", "s"), ("'", ""))
#: Arabic letters to the consonant each is usually romanised with ("" for alif, hamza,
#: ayn and ta marbuta, which lists write as vowels or not at all).
_ARABIC_LETTERS = str.maketrans({
    "ا": "", "أ": "", "إ": "", "آ": "", "ٱ": "", "ى": "", "ء": "", "ئ": "", "ؤ": "w",
    "ع": "", "ة": "", "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d",
    "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "و": "w", "ي": "y", "ی": "y", "پ": "p", "چ": "S", "ژ": "j", "گ": "g",
    # Urdu and Pashto letters (اللہ, چوہدری Chaudhry, ځدران Zadran, گیدڑ)
    "ہ": "h", "ھ": "h", "ۃ": "", "ۀ": "", "ے": "y", "ې": "y", "ۍ": "y", "ځ": "z",
    "څ": "s", "ڑ": "r", "ڈ": "d", "ډ": "d", "ٹ": "t", "ټ": "t", "ګ": "g", "ښ": "S",
    "ږ": "j", "ڼ": "n", "ڤ": "v",
})
#: The same letters as Persian, Urdu and Pashto names are romanised: ث as s (Sanaullah),
#: ذ, ض and ظ as z (Zakir, Fazal), ق as g is not among them (Qari stays Qari).
_ARABIC_LETTERS_PERSIAN = str.maketrans({"ث": "s", "ذ": "z", "ض": "z", "ظ": "z"})
_ARABIC_MARKS = re.compile(r"[\u0640\u064b-\u065f\u0670]")  # tatweel and vowel signs
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_KEY_VOWELS = re.compile(r"[aeiouwy]+")
_LATIN_INITIAL_W = re.compile(r"^a?ou(?=[aei])")


def arabic_words(text: str) -> list[str]:
    """The words of an Arabic-script name, vowel signs and stretching removed."""
    return _ARABIC_WORD.findall(_ARABIC_MARKS.sub("", text))


@lru_cache(maxsize=200_000)
def arabic_key(token: str) -> str:
    """The key under which an Arabic-script word and its Latin spellings meet.

    Arabic is written without short vowels and uses w/y also for long vowels, so حسين and
    "Hussein" share only their consonants: both become "hsn". Arabic letters map to the
    consonant lists romanise them with; Latin words fold the usual digraphs (kh, sh, th, dh,
    gh, dj, q). Then vowels and inner w/y go (an initial w/y is a consonant: Watban,
    Yassin), a final h goes (ة, "Hamza"/"Hamzah") and doubled letters merge.
    """
    if ARABIC.search(token):
        out = token.translate(_ARABIC_LETTERS)
    else:
        # French spellings write an initial و before a vowel as "ou" (Aouadi, Ouahab)
        out = _LATIN_INITIAL_W.sub("w", token)
        for old, new in _LATIN_DIGRAPHS:
            out = out.replace(old, new)
        out = out.lstrip("aeiou")
    if not out:
        return ""
    out = out[0] + _KEY_VOWELS.sub("", out[1:])
    if len(out) > 2 and out.endswith("h"):
        out = out[:-1]
    return _REPEAT.sub(r"\1", out)


#: Latin digraphs inside a word that also spell two Arabic letters, the second ح or ه:
#: "Ishaq" إسحاق, "Ishakzai" اسحاقزی, "Adham" أدهم (s-h, d-h, not ش or ذ). Not at the
#: start of a word, where "sh", "dh" and "th" are ش, ذ/ظ and ث.
_SPLIT_DIGRAPHS = re.compile(r"(?<=.[sdt])(?=h)")


def arabic_latin_keys(token: str) -> set[str]:
    """Keys of a listed Latin word: `arabic_key`, and for "ch" also the German and
    Dutch reading as خ ("Barich" for بريخ), beside the French ش ("Cherif"); for "sh",
    "dh" and "th" inside a word also the two letters they may be (_SPLIT_DIGRAPHS),
    kept apart by an apostrophe, which `arabic_key` drops after reading the digraphs."""
    keys = {arabic_key(token)}
    if "ch" in token:
        keys.add(arabic_key(token.replace("sch", "S").replace("ch", "kh")))
    if "h" in token[2:]:
        split = _SPLIT_DIGRAPHS.sub("'", token)
        if split != token:
            key = arabic_key(split)
            if len(key) >= 3:  # two consonants meet too many words by chance
                keys.add(key)
    return {k for k in keys if k}


_LONG_VOWELS = re.compile(r"([aeiou])\1+|(?<=o)u")
_EPENTHETIC = re.compile(r"(?<=[^aeiou])u(?=[^aeiouy]|$)|(?<=[td])o(?=[^aeiouy]|$)")


@lru_cache(maxsize=200_000)
def katakana_loose(token: str) -> str:
    """A katakana word's Hepburn reading as the foreign word it spells, roughly.

    Katakana writes every consonant with a vowel, so a cluster or a final consonant gets an
    added u (o after t and d: ストレラ "sutorera" for Strela, アルマズ "arumazu" for Almaz),
    long vowels are doubled, and l and r are one sound. Those added vowels and the doubling
    go, and l becomes r, here and in `latin_loose`, so the two spellings can be compared
    letter by letter.
    """
    out = _LONG_VOWELS.sub(r"\1", _EPENTHETIC.sub("", token.replace("l", "r")))
    # a final long a is how katakana writes an English or German final -er (ワグナー Wagner)
    return out[:-1] + "ar" if token.endswith("aa") else out


def latin_loose(token: str) -> str:
    """A Latin word folded as `katakana_loose` folds a katakana reading (l as r, a final
    -er or -or as -ar). Only a written final r: a final -el or -ol is katakana's -eru or
    -oru (ファケル "Fakel", パーヴェル "Pavel"), never the long a it writes for -er."""
    out = token.replace("l", "r")
    return out[:-2] + "ar" if token.endswith(("er", "or")) and len(out) > 3 else out


#: Sounds katakana writes alike, folded the same way in a katakana reading and in a Latin
#: word before the two are compared letter by letter: ヴ/ブ/フ stand for v, b, f and w (and
#: Russian writes a final -в that sounds f: ツタエフ "Tutaev"); ジ for j, zh and z (イジェフスク
#: "Izhevsk", ラジオフィジカ "Radiofizika"); ツ for ts and t; ン before p or b for m (コンポネンツ
#: "components"); c is k or s as English spells it; y is i. Russian romanisations write
#: what katakana writes plainly: e after a vowel as ye (マケエフ "Makeyev"), t and d before
#: ya/yu/ye as ty, dy (ヴィチャズ "Vityaz"); and ジ writes di before a vowel in older
#: loanwords (ラジオ "radio", ラジオスヴャジ "Radiosvyaz"). In order: digraphs first.
_PHONETIC_FOLDS = tuple((re.compile(pattern), value) for pattern, value in (
    ("(?<=[aeiou])ye", "e"), ("ty(?=[aeiou])", "ch"), ("dy(?=[aeiou])", "j"),
    ("di(?=[aeiou])", "ji"),
    ("tch", "ch"), ("ck", "k"), ("x", "ks"), ("q", "k"), ("ph", "f"), ("d?zh|dj", "j"),
    ("c(?=[eiy])", "s"), ("c(?!h)", "k"), ("j", "z"), ("[vwf]", "b"), ("ts|th", "t"),
    ("kh", "h"), ("n(?=[pbm])", "m"), ("y", "i"),
))


def _phonetic_fold(text: str) -> str:
    for pattern, value in _PHONETIC_FOLDS:
        text = pattern.sub(value, text)
    return _REPEAT.sub(r"\1", text)


_R_COLOURED = re.compile(r"(?<=[^aeiou])([aeo])\1")


@lru_cache(maxsize=200_000)
def katakana_keys(token: str) -> tuple[str, ...]:
    """A katakana word's Hepburn reading folded for comparison with Latin words
    (_PHONETIC_FOLDS): loosened as `katakana_loose` loosens it; with its vowels kept (an
    added u is sometimes the word's own: クポル "Kupol", ルビン "Rubin"); and with a long
    vowel read as the vowel and r it often stands for (ヴァーティカル "vertical", モーター
    "motor"); with a Russian ё written "e" (_YO)."""
    kept = _LONG_VOWELS.sub(r"\1", token.replace("l", "r"))
    if token.endswith("aa"):
        kept += "r"
    keys = [katakana_loose(token), kept]
    if _R_COLOURED.search(token[:-2]):
        keys.append(katakana_loose(_R_COLOURED.sub(r"\1r", token[:-2]) + token[-2:]))
    if _YO.search(token):
        keys.append(katakana_loose(_YO.sub("e", token)))
    return tuple(dict.fromkeys(_phonetic_fold(key) for key in keys))


#: Russian ё after a consonant, which katakana writes ョ ("yo": デグチャリョフ) and the
#: lists mostly "e" (DEGTYAREV, FEDOROV).
_YO = re.compile(r"(?<=[^aeiou])yo")


_VOWEL = re.compile(r"[aeiouy]")


@lru_cache(maxsize=200_000)
def latin_key(token: str) -> str:
    """A listed Latin word folded as `katakana_keys` folds a katakana reading; "" for a
    word without vowels, an acronym, which katakana would spell letter by letter (DCSS is
    not ドゥクス "Duks")."""
    return _phonetic_fold(latin_loose(token)) if _VOWEL.search(token) else ""


#: Letters Russian writes for sounds English and Arabic names spell otherwise, as a
#: transliteration reads them back (pattern, other letter): в for w (воркс "works", валь
#: "wal"), х for h (Хасан "Hasan", тхе "the"), дж for j (Джихад "Jihad"), к (not the k of
#: kh) for c and q (Ирак "Iraq", куантум "quantum"), кс for x, and у after a vowel for w
#: (Таухид "Tawhid").
_CYRILLIC_SOUNDS = tuple((re.compile(pattern), letter) for pattern, letter in (
    ("dzh", "j"), ("kh", "h"), ("v", "w"), ("ks", "x"), ("k(?!h)", "c"), ("k(?!h)", "q"),
    ("(?<=[aeo])u", "w"),
))
#: At most this many of those letters are tried in one word (each doubles the spellings).
_CYRILLIC_MAX_RULES = 5


@lru_cache(maxsize=100_000)
def cyrillic_respellings(token: str) -> tuple[str, ...]:
    """Other Latin spellings of a word read from Cyrillic (see _CYRILLIC_SOUNDS): each
    letter Russian uses for two sounds is tried both ways, a rule at a time for the whole
    word ("vitkh" gives "witkh", "vith" and "with"), since a transliteration picks one
    letter where the name's own spelling may have had another."""
    rules = [(pattern, letter) for pattern, letter in _CYRILLIC_SOUNDS
             if pattern.search(token)][:_CYRILLIC_MAX_RULES]
    spellings = {token}
    for pattern, letter in rules:
        spellings |= {pattern.sub(letter, word) for word in spellings}
    spellings.discard(token)
    return tuple(sorted(spellings))


_ALLAH = frozenset({"الله", "اللہ"})


def abdul_split(words: list[str]) -> list[str]:
    """عبد الرحمن as lists often write it, "Abdul Rahman": the article moves to عبد; but
    عبد الله is one word, "Abdallah" or "Abdullah" (its rest لله is no name)."""
    out: list[str] = []
    for word in words:
        if out and out[-1] == "عبد" and word in _ALLAH:
            out[-1] += word
            continue
        if out and out[-1] == "عبد" and word.startswith("ال") and len(word) > 3:
            out[-1] = "عبدال"
            word = word[2:]
        out.append(word)
    return out


_JOINED_HEAD = re.compile(r"^(عبد|ابو|أبو|بن)(ال)?(?=..)")
#: و "and", ب "by", ف and ك joined to the article, and ل "for" whose article loses its
#: alif (للدعوة "li-d-da'wa"): written apart in lists ("WAL JIHAD", "BIL-DIMA")
_PROCLITIC = re.compile(r"^(?:([وبفك])(?=ال..)|(ل)(?=ل..))")


def compound_split(words: list[str]) -> list[str]:
    """Compounds written as one word split as lists often write them apart: عبدالخالق
    "Abd al-Khaliq", أبواليزيد "Abou El Yazid", بنحسين "bin Hussein", والجهاد "wal
    Jihad" (the other way, joining, is `compound_join` and query.prepare's known
    joins)."""
    out: list[str] = []
    for word in words:
        clitic = _PROCLITIC.match(word)
        if clitic is not None:
            out += [word[0], word[1:] if word[1] == "ا" else "ا" + word[1:]]
            continue
        found = _JOINED_HEAD.match(word)
        if found is None or (found.group(2) is None and found.group(1) != "بن"):
            out.append(word)
            continue
        head = found.group(1)
        out += [head, word[len(head):]]
    return out


#: Second parts of compound given names that lists write as one word with the first:
#: سيف الله "Saifullah", حبيب الرحمن "Habiburrahman". Not الدين: joined, انصار الدين
#: (Ansar al-Din, a group) has the consonants of the person "Naseruddin".
_COMPOUND_TAILS = frozenset({"الله", "اللہ", "الرحمن"})
#: Letters an article before them is assimilated to (Nasir ad-Din, "Nasiruddin").
_SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")


def compound_join(words: list[str]) -> list[str]:
    """Compound given names joined as lists write them, the article's l dropped before a
    sun letter as it is spoken ("Habiburrahman", but "Saifullah")."""
    out: list[str] = []
    for word in words:
        if out and word in _COMPOUND_TAILS and not out[-1].startswith("عبد"):
            tail = word[2:] if word[2] in _SUN_LETTERS else word[1:]
            out[-1] += "و" + tail if word[2] in _SUN_LETTERS else tail
            continue
        out.append(word)
    return out


_OULD = frozenset({"ولد"})


@lru_cache(maxsize=200_000)
def arabic_query_keys(token: str) -> frozenset[str]:
    """Keys of an Arabic-script word: as written, and without its article (ال); with the
    letters Persian and Urdu names romanise differently (ث s, ذ/ض z), and ولد ("son of")
    also as the French "Ould", whose initial w is written as a vowel."""
    keys = {arabic_key(token), arabic_key(token.translate(_ARABIC_LETTERS_PERSIAN))}
    if token.startswith("ال") and len(token) > 3:
        keys.add(arabic_key(token[2:]))
        keys.add(arabic_key(token[2:].translate(_ARABIC_LETTERS_PERSIAN)))
    if token in _OULD:
        keys.add("ld")
    keys.update(arabic_key(word) for word in _initial_y_as_vowel(token))
    inner = token.find("ال", 2)
    if 0 < inner < len(token) - 2 and token[inner + 2] in _SUN_LETTERS:
        # the article inside a compound assimilated as it is spoken: عبدالرحمن
        # "Abderrahmane", عبدالستار "Abdessattar"
        keys.add(arabic_key(token[:inner] + token[inner + 2:]))
    if "ہ" in token[1:-1] or "ھ" in token[1:-1]:
        # Urdu's h letters inside a word mark a vowel or an aspiration lists often leave
        # out or write after the consonant: چوہدری "Chaudhry"
        keys.add(arabic_key(token[0] + token[1:-1].replace("ہ", "").replace("ھ", "")
                            + token[-1]))
    if token.endswith("ة") and len(token) > 2:
        # ta marbuta is a t before the next word of a construct (عصبة الأنصار "Asbat
        # al-Ansar", جزيرة العرب "Jazirat al-Arab")
        keys.add(arabic_key(token[:-1] + "ت"))
    return frozenset(k for k in keys if k)


_INITIAL_Y = re.compile(r"^(?:ال)?[اأإآع][يی]")


def _initial_y_as_vowel(token: str) -> list[str]:
    """An initial alif or ayn with ي is often romanised as a vowel alone: أيمن "Aiman",
    عيسى "Issa", إيمان "Iman" (where "Ayman", "Eisa" keep the y): the word without that
    ي, with and without its article."""
    found = _INITIAL_Y.match(token)
    if found is None:
        return []
    word = token[: found.end() - 1] + token[found.end():]
    return [word, word[2:]] if word.startswith("ال") and len(word) > 3 else [word]
