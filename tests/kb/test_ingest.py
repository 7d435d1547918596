"""Loading: validation names file, row and field; failures change nothing; loads are idempotent;
export → load gives back the same knowledge base. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from tests.conftest import FIXTURES

from sangam.access.markings import Reader
from sangam.errors import ValidationFailed
from sangam.kb import export_lines, load_path, stats

DATA = FIXTURES / "kb" / "projects.yaml"
EVERYONE = Reader(country="JP", orgs=frozenset({"org:x"}))


def test_load_counts_and_is_idempotent(engine: Engine) -> None:
    first = load_path(engine, DATA)
    assert first.statements_added == first.statements_seen == 25
    assert first.entities == 7
    again = load_path(engine, DATA)
    assert again.statements_added == 0
    assert stats(engine) == {"source": 2, "entity": 7, "statement": 25}


def test_unchanged_dataset_is_skipped_when_asked(engine: Engine) -> None:
    load_path(engine, DATA, skip_unchanged=True)
    assert load_path(engine, DATA, skip_unchanged=True).skipped_unchanged


def _bad_file(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "sources:\n"
        "  - {id: src:doc, title: A doc, publisher: P, kind: document}\n"
        "entities:\n"
        "  - id: org:good\n"
        "    schema: Organization\n"
        "    statements:\n"
        "      - {prop: name, value: Good Org, source: src:doc, quote: Good Org}\n"
        "  - id: proj:bad\n"
        "    schema: Project\n"
        "    statements:\n"
        "      - {prop: value, value: a lot of money, source: src:doc, quote: q}\n"
        "      - {prop: colour, value: red, source: src:doc, quote: q}\n"
        "      - {prop: partner, value: org:missing, source: src:doc, quote: q}\n"
        "      - {prop: name, value: Bad, source: src:nowhere, quote: q}\n"
        "      - {prop: name, value: No quote, source: src:doc}\n"
        "  - id: BAD ID\n"
        "    schema: Widget\n",
        encoding="utf-8",
    )
    return bad


def test_bad_file_rejected_whole_with_file_row_field(engine: Engine, tmp_path: Path) -> None:
    load_path(engine, DATA)
    before = list(export_lines(engine.connect(), EVERYONE))
    with pytest.raises(ValidationFailed) as info:
        load_path(engine, _bad_file(tmp_path))
    problems = {(p.row, p.field): p.message for p in info.value.problems}
    assert all(p.file and p.file.endswith("bad.yaml") for p in info.value.problems)
    assert "not an amount of money" in problems[("entities[1].statements[0]", "value")]
    assert "no property 'colour'" in problems[("entities[1].statements[1]", "prop")]
    assert "org:missing" in problems[("entities[1].statements[2]", "value")]
    assert "src:nowhere" in problems[("entities[1].statements[3]", "source")]
    assert "quote" in problems[("entities[1].statements[4]", "quote")]
    assert ("entities[2]", "id") in problems
    assert len(info.value.problems) == 6
    with engine.connect() as conn:
        assert list(export_lines(conn, EVERYONE)) == before


def test_csv_and_json_formats(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(
        "id,title,publisher,kind\nsrc:sheet,Partner sheet,Programme office,user\n",
        encoding="utf-8")
    (tmp_path / "rows.csv").write_text(
        "entity_id,schema,prop,value,source,unit\n"
        "org:tata-advanced,Organization,name,Tata Advanced Systems,src:sheet,\n"
        "org:tata-advanced,Organization,country,IN,src:sheet,\n"
        "ind:tasl-staff,Indicator,count,\"1,200\",src:sheet,employees\n",
        encoding="utf-8")
    (tmp_path / "more.json").write_text(json.dumps({"entities": [
        {"id": "ind:tasl-staff", "schema": "Indicator",
         "statements": [{"prop": "subject", "value": "org:tata-advanced", "source": "src:sheet"}]}
    ]}), encoding="utf-8")
    report = load_path(engine, tmp_path)
    assert (report.files, report.statements_added) == (3, 4)


def test_csv_errors_name_the_line(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("entity_id,schema,prop,value,source\n"
                    "org:a,Organization,name,A,src:none\n"
                    "org:b,Organization,country,Japan,src:none\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        load_path(engine, path)
    rows = sorted((p.row, p.field) for p in info.value.problems)
    assert rows == [(2, "source"), (3, "value")]


def test_export_then_load_gives_identical_kb(engine: Engine, tmp_path: Path) -> None:
    load_path(engine, DATA)
    with engine.connect() as conn:
        exported = list(export_lines(conn, Reader(country="IN", orgs=frozenset())))
    dump = tmp_path / "kb.jsonl"
    dump.write_text("\n".join(exported) + "\n", encoding="utf-8")
    fresh_url = f"sqlite:///{tmp_path / 'copy.db'}"
    from sangam.db import get_engine, migrate

    copy = get_engine(fresh_url)
    migrate(copy)
    load_path(copy, dump)
    with copy.connect() as conn:
        assert list(export_lines(conn, Reader(country="IN", orgs=frozenset()))) == exported
    # An India reader sees the REL TO JP, IN project but not the REL TO JP note.
    text = "\n".join(exported)
    assert "proj:secret-radar" in text and "hypersonic" not in text


def test_filtered_export_is_self_contained(engine: Engine, tmp_path: Path) -> None:
    load_path(engine, DATA)
    with engine.connect() as conn:
        lines = list(export_lines(conn, Reader(), schema="Project"))
    kinds = [json.loads(line)["type"] for line in lines]
    assert kinds.index("source") < kinds.index("entity") < kinds.index("statement")
    ids = {json.loads(line)["id"] for line in lines if '"type": "entity"' in line}
    assert {"proj:unicorn", "org:nec", "org:bharat-electronics"} <= ids
    assert "proj:secret-radar" not in ids  # anonymous readers do not get restricted entities
    dump = tmp_path / "projects.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from sangam.db import get_engine, migrate

    other = get_engine(f"sqlite:///{tmp_path / 'other.db'}")
    migrate(other)
    assert load_path(other, dump).statements_added == sum(k == "statement" for k in kinds)


def test_schema_clash_with_stored_entity(engine: Engine, tmp_path: Path) -> None:
    load_path(engine, DATA)
    clash = tmp_path / "clash.yaml"
    clash.write_text("sources: [{id: src:x, title: X, publisher: P}]\n"
                     "entities: [{id: org:nec, schema: Project, statements: []}]\n",
                     encoding="utf-8")
    with pytest.raises(ValidationFailed, match="problem") as info:
        load_path(engine, clash)
    assert "stored as a Organization" in info.value.problems[0].message
