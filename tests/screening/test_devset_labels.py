"""The dev set's cross-script labels: a native-script name's right answers are the other
lists' entries sharing a Latin name with it, but not a person's nickname, which names many
unrelated people (the UN's "Ислам Сеит-Умарович Атабиев" shares only "Abu Jihad" with
OFAC's "FADHIL, Mustafa Mohamed")."""

from __future__ import annotations

from sangam.screening.devset import _nickname, build_devset
from sangam.screening.index import ScreeningIndex
from sangam.settings import get_settings


def test_nicknames_are_one_word_or_a_kunya_of_a_person() -> None:
    assert _nickname("Abu Jihad", "individual")
    assert _nickname("Ab-Bilal", "individual")  # "AB" read as a legal form leaves one word
    assert _nickname("Husan", "individual")
    assert not _nickname("Imed Ben Mekki Zarkaoui", "individual")
    assert not _nickname("Abu Bakr al-Baghdadi", "individual")
    # an organisation's one-word name is its name ("ROSOBORONEXPORT")
    assert not _nickname("ROSOBORONEXPORT", "organization")


def test_cross_script_truth_never_comes_through_a_nickname(index: ScreeningIndex) -> None:
    cases = build_devset(index, get_settings().data_dir / "screening" / "devset_unlisted.yaml")
    cross = {c.query: c for c in cases if c.kind == "cross_script"}
    assert "Ислам Сеит-Умарович Атабиев" not in cross  # linked to others by "Abu Jihad" only
    # a case linked by a full name keeps its label
    lifg = cross["الجماعة الاسلامية المقاتلة الليبية"]
    names = {index.entries[n.entry][1].name for n in index.names
             if (index.entries[n.entry][0], index.entries[n.entry][1].source_id) in lifg.truth}
    assert names == {"LIBYAN ISLAMIC FIGHTING GROUP"}
