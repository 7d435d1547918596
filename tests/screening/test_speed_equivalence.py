"""The speed work must not change a result: a candidate cut by its bound before alignment
is one full scoring would have dropped too, and the shared scratch array of candidate
retrieval is left clean, also when several threads screen at once."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sangam.screening import candidates as candidates_module
from sangam.screening.candidates import zeroed_scratch
from sangam.screening.devset import DevCase, build_devset
from sangam.screening.index import ScreeningIndex
from sangam.screening.match import Scored, search
from sangam.screening.normalize import name_forms
from sangam.screening.query import prepare
from sangam.screening.screen import DEFAULT_THRESHOLD
from sangam.settings import get_settings

#: Rounded scores this close to the floor are left out of the comparison: search reports
#: scores rounded to 4 places, so one of 0.79996 and 0.8 is on each side of the floor.
EDGE = 1e-4


@pytest.fixture(scope="module")
def devset(index: ScreeningIndex) -> list[DevCase]:
    return build_devset(index, get_settings().data_dir / "screening" / "devset_unlisted.yaml")


@pytest.fixture(scope="module")
def cases(devset: list[DevCase]) -> list[DevCase]:
    """A seeded sample of the development set, every kind of case included."""
    by_kind: dict[str, list[DevCase]] = {}
    for case in devset:
        by_kind.setdefault(case.kind, []).append(case)
    rng = random.Random(4)
    return [c for kind in sorted(by_kind) for c in rng.sample(by_kind[kind],
                                                               min(25, len(by_kind[kind])))]


def _key(s: Scored) -> tuple[int, int, float, str]:
    return s.entry, s.name_id, s.score, s.explanation


def _check_cut(
    index: ScreeningIndex, name: str, country: str | None, lists: frozenset[str] | None,
    floor: float,
) -> int:
    """Search with `floor` (candidates cut early) against a search that scores every
    candidate in full (floor 0), keeping what reaches the floor; returns the matches."""
    cut = search(index, name, country, lists, limit=1000, floor=floor)
    full = search(index, name, country, lists, limit=1000, floor=0.0)
    full_by_entry = {s.entry: s for s in full}
    # everything reported with the floor is what full scoring reports for that entry
    for s in cut:
        assert s.entry in full_by_entry, (name, s)
        assert _key(s) == _key(full_by_entry[s.entry]), (name, s, full_by_entry[s.entry])
    # and nothing full scoring puts above the floor was cut
    reported = {s.entry for s in cut}
    missing = [s for s in full if s.score >= floor + EDGE and s.entry not in reported]
    assert not missing, (name, missing)
    # the order is the same where both report
    assert [s.entry for s in cut] == [s.entry for s in full if s.entry in reported]
    return len(cut)


@pytest.mark.parametrize("country", [None, "RU", "IN"])
def test_floor_cut_changes_no_result(
    index: ScreeningIndex, cases: list[DevCase], country: str | None
) -> None:
    found = sum(_check_cut(index, c.query, country, c.lists, DEFAULT_THRESHOLD) for c in cases)
    assert found > len(cases) // 2  # the sample does reach the floor: the check has teeth


def test_floor_cut_with_the_entry_country(
    index: ScreeningIndex, devset: list[DevCase]
) -> None:
    """The country of the entry meant lifts its score by the agreement bonus: a pair just
    under the floor by its words must not be cut before that bonus is counted (a few
    dozen of the whole development set's cases need it, so all of them are screened)."""
    countries = {(lid, e.source_id): e.countries for lid, e in index.entries}
    checked = 0
    for case in devset:
        for key in sorted(case.truth):
            if countries.get(key):
                _check_cut(index, case.query, countries[key][0], case.lists, DEFAULT_THRESHOLD)
                checked += 1
                break
    assert checked > 1000


def test_floor_cut_at_a_lower_floor(index: ScreeningIndex, cases: list[DevCase]) -> None:
    for case in cases[::3]:
        _check_cut(index, case.query, None, case.lists, 0.5)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_floor_cut_on_made_up_names(index: ScreeningIndex, data: st.DataObject) -> None:
    """Names made of listed words, shuffled and misspelt, with a legal form or not."""
    words = data.draw(st.lists(st.sampled_from(index.tokens[:20000]), min_size=1, max_size=5))
    if data.draw(st.booleans()):
        k = data.draw(st.integers(0, len(words) - 1))
        word = words[k]
        if len(word) > 3:
            cut = data.draw(st.integers(0, len(word) - 1))
            words[k] = word[:cut] + word[cut + 1 :]
    suffix = data.draw(st.sampled_from(["", " LLC", " Pvt Ltd", " Co., Ltd.", " JSC"]))
    floor = data.draw(st.sampled_from([0.5, 0.7, DEFAULT_THRESHOLD, 0.92]))
    country = data.draw(st.sampled_from([None, "RU", "CN", "IR"]))
    _check_cut(index, " ".join(words) + suffix, country, None, floor)


def test_scratch_is_left_zeroed(index: ScreeningIndex, cases: list[DevCase]) -> None:
    for case in cases[:40]:
        search(index, case.query, None, case.lists, floor=DEFAULT_THRESHOLD)
    assert not zeroed_scratch(len(index.names)).any()


def test_threads_screen_alike(index: ScreeningIndex, cases: list[DevCase]) -> None:
    """Each thread has its own scratch array: screening in four threads at once gives
    what screening one after another gives."""
    names = [(c.query, c.lists) for c in cases]
    alone = [[_key(s) for s in search(index, n, None, lists)] for n, lists in names]

    def run(offset: int) -> list[list[tuple[int, int, float, str]]]:
        order = names[offset:] + names[:offset]
        got = [[_key(s) for s in search(index, n, None, lists)] for n, lists in order]
        return got[len(names) - offset :] + got[: len(names) - offset]

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, [0, 7, 19, 31]))
    for got in results:
        assert got == alone


def test_candidate_paths_agree(
    index: ScreeningIndex, cases: list[DevCase], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Candidate bounds are added up in a dict for small postings and with numpy for
    large ones, and names ranked in Python or with numpy by their number: each path must
    give the same candidates, in the same order, as the other would."""
    queries = [q for c in cases for form in name_forms(c.query) for q in prepare(index, form)]
    lists = [None, frozenset({"us-ofac-sdn"}), frozenset({"jp-meti-russia", "un-sc"})]

    def run(dict_postings: int, python_ranked: int) -> list[list[int]]:
        monkeypatch.setattr(candidates_module, "DICT_POSTINGS", dict_postings)
        monkeypatch.setattr(candidates_module, "PYTHON_RANKED", python_ranked)
        return [candidates_module.candidates(index, q, lists[k % len(lists)])
                for k, q in enumerate(queries)]

    with_numpy = run(candidates_module.FEW_POSTINGS, 0)
    in_python = run(10**9, 10**9)
    assert with_numpy == in_python
    # the sample does reach both paths with more names than are kept
    assert sum(len(found) > candidates_module.TOP_CANDIDATES for found in in_python) > 20
