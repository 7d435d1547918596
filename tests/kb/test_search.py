"""Search finds things the way people ask: aliases, abbreviations, descriptions, quotes;
filters by schema and country; never shows what a reader's markings withhold."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from tests.conftest import FIXTURES

from sangam.access.markings import Reader
from sangam.errors import InvalidInput, NotFound
from sangam.kb import get_entity, load_path, plain_snippet, search


@pytest.fixture
def kb(engine: Engine) -> Engine:
    load_path(engine, FIXTURES / "kb" / "projects.yaml")
    return engine


def ids(engine: Engine, query: str, reader: Reader | None = None, **kw: str) -> list[str]:
    with engine.connect() as conn:
        return [h.id for h in search(conn, query, reader or Reader(), **kw)]


@pytest.mark.parametrize("query", ["BEL", "bel", "Bharat Electronics", "Bharat"])
def test_alias_and_name(kb: Engine, query: str) -> None:
    assert ids(kb, query)[0] == "org:bharat-electronics"


@pytest.mark.parametrize("query", ["INDUS X", "INDUS-X", "indus-x", "INDUSX"])
def test_hyphenated_and_spaced_forms(kb: Engine, query: str) -> None:
    assert ids(kb, query)[0] == "prog:indus-x"


def test_initials_of_a_name(kb: Engine) -> None:
    assert "org:atla" in ids(kb, "ATLA")


def test_words_in_descriptions_and_quotes(kb: Engine) -> None:
    assert ids(kb, "stealth warships") == ["proj:unicorn"]
    assert ids(kb, "co-produce")[0] == "proj:unicorn"  # from a quote


def test_partner_names_find_the_project(kb: Engine) -> None:
    assert "proj:unicorn" in ids(kb, "NEC")


def test_schema_and_country_filters(kb: Engine) -> None:
    assert ids(kb, "BEL", schema="Project") == ["proj:unicorn"]
    assert "proj:unicorn" in ids(kb, "antenna", country="JP")  # via partner NEC's country
    assert ids(kb, "antenna", country="US") == []
    assert ids(kb, "INDUS", country="us") == ["prog:indus-x"]


def test_snippet_marks_the_hit(kb: Engine) -> None:
    with kb.connect() as conn:
        hit = search(conn, "stealth", Reader())[0]
    assert "**stealth**" in plain_snippet(hit.snippet)


def test_markings_hide_restricted_entities_and_statements(kb: Engine) -> None:
    assert ids(kb, "gallium radar") == []
    assert ids(kb, "gallium radar", Reader(country="IN")) == ["proj:secret-radar"]
    assert ids(kb, "hypersonic") == []
    assert ids(kb, "hypersonic", Reader(country="IN")) == []
    assert ids(kb, "hypersonic", Reader(country="JP")) == ["org:atla"]
    with kb.connect() as conn:
        with pytest.raises(NotFound):
            get_entity(conn, "proj:secret-radar", Reader(country="US"))
        public_view = get_entity(conn, "org:atla", Reader())
        jp_view = get_entity(conn, "org:atla", Reader(country="JP"))
    assert len(jp_view.statements) == len(public_view.statements) + 1


def test_operators_in_queries_are_just_words(kb: Engine) -> None:
    assert ids(kb, 'BEL" OR "*') == ids(kb, "BEL OR")
    assert ids(kb, "'; DROP TABLE entity; --") == []


def test_bad_filters_are_explained(kb: Engine) -> None:
    with kb.connect() as conn:
        with pytest.raises(InvalidInput, match="Unknown schema"):
            search(conn, "x", Reader(), schema="Widget")
        with pytest.raises(InvalidInput, match="country code"):
            search(conn, "x", Reader(), country="Japan")
        with pytest.raises(InvalidInput, match="no words"):
            search(conn, "  --  ", Reader())


def test_show_has_sources_quotes_and_conflicts(kb: Engine) -> None:
    with kb.connect() as conn:
        view = get_entity(conn, "proj:unicorn", Reader())
        budget = get_entity(conn, "ind:japan-defence-budget-2025", Reader())
    partners = sorted(s["ref_caption"] for s in view.statements if s["prop"] == "partner")
    assert partners == ["Bharat Electronics Limited", "NEC Corporation"]
    value = next(s for s in view.statements if s["prop"] == "value")
    assert (value["num"], value["unit"]) == (35_000_000, "USD")
    assert value["quote"] == "about USD 35 million for the first units"
    assert value["source"]["publisher"] == "Fixture Publisher"
    amounts = [s for s in budget.statements if s["prop"] == "amount"]
    assert {s["conflict"] for s in amounts} == {"jp-budget-2025"}
    assert {s["unit"] for s in amounts} == {"JPY", "USD"}
