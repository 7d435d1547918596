"""Read YAML, JSON, JSON Lines and CSV datasets into raw records (docs/data-format.md).

Readers only check shape (is this a list, does the row have the required columns); typing
and references are checked by `sangam.kb.validate`, so every format gets the same rules and
the same messages.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from sangam.errors import Problem, ValidationFailed
from sangam.kb.records import Dataset, EntityRecord, SourceRecord, StatementRecord, Where

STATEMENT_FIELDS = ("quote", "unit", "confidence", "marking", "conflict", "cites", "note",
                    "recorded_at", "recorded_by")
SUFFIXES = (".yaml", ".yml", ".json", ".jsonl", ".csv")


def _statement(entity_id: Any, raw: dict[str, Any], where: Where) -> StatementRecord:
    get = raw.get
    return StatementRecord(
        entity_id, get("prop"), get("value"), get("source"), where, get("quote"), get("unit"),
        get("confidence"), get("marking"), get("conflict"), get("cites"), get("note"),
        get("recorded_at"), get("recorded_by"),
    )


def _from_document(doc: Any, name: str, problems: list[Problem]) -> Dataset:
    """The YAML/JSON shape: {sources: [...], entities: [{..., statements: [...]}]}."""
    data = Dataset(files=[name])
    if doc is None:
        problems.append(Problem("the file is empty", file=name))
        return data
    if not isinstance(doc, dict):
        problems.append(Problem("the top level must be a mapping with `sources` and `entities`",
                                file=name))
        return data
    unknown = set(doc) - {"sources", "entities"}
    if unknown:
        problems.append(Problem(f"unknown top-level keys {sorted(unknown)}; expected `sources` "
                                "and `entities`", file=name))
    for i, src in enumerate(doc.get("sources") or []):
        where = Where(name, f"sources[{i}]")
        if not isinstance(src, dict):
            problems.append(Problem("a source must be a mapping", file=name, row=where.row))
            continue
        data.sources.append(SourceRecord(dict(src), where))
    for i, ent in enumerate(doc.get("entities") or []):
        where = Where(name, f"entities[{i}]")
        if not isinstance(ent, dict):
            problems.append(Problem("an entity must be a mapping", file=name, row=where.row))
            continue
        data.entities.append(EntityRecord(ent.get("id"), ent.get("schema"), ent.get("caption"),
                                          ent.get("marking"), where))
        for j, stmt in enumerate(ent.get("statements") or []):
            swhere = Where(name, f"entities[{i}].statements[{j}]")
            if not isinstance(stmt, dict):
                problems.append(Problem("a statement must be a mapping", file=name,
                                        row=swhere.row))
                continue
            data.statements.append(_statement(ent.get("id"), stmt, swhere))
    return data


def _read_yaml(path: Path, name: str, problems: list[Problem]) -> Dataset:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problems.append(Problem(f"not valid YAML: {getattr(exc, 'problem', exc)}", file=name,
                                row=row))
        return Dataset(files=[name])
    return _from_document(doc, name, problems)


def _read_json(path: Path, name: str, problems: list[Problem]) -> Dataset:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        problems.append(Problem(f"not valid JSON: {exc.msg}", file=name, row=exc.lineno))
        return Dataset(files=[name])
    return _from_document(doc, name, problems)


def _read_jsonl(path: Path, name: str, problems: list[Problem]) -> Dataset:
    data = Dataset(files=[name])
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = Where(name, lineno)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(f"not valid JSON: {exc.msg}", file=name, row=lineno))
                continue
            kind = obj.get("type") if isinstance(obj, dict) else None
            if kind == "source":
                data.sources.append(SourceRecord({k: v for k, v in obj.items() if k != "type"},
                                                 where))
            elif kind == "entity":
                data.entities.append(EntityRecord(obj.get("id"), obj.get("schema"),
                                                  obj.get("caption"), obj.get("marking"), where))
            elif kind == "statement":
                data.statements.append(_statement(obj.get("entity_id"), obj, where))
            else:
                problems.append(Problem("each line needs `type`: source, entity or statement",
                                        file=name, row=lineno, field="type"))
    return data


def _read_csv(path: Path, name: str, problems: list[Problem]) -> Dataset:
    data = Dataset(files=[name])
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        if "title" in header:
            for lineno, row in enumerate(reader, start=2):
                fields = {k: v for k, v in row.items() if v}
                data.sources.append(SourceRecord(fields, Where(name, lineno)))
            return data
        missing = [c for c in ("entity_id", "schema", "prop", "value", "source") if c not in header]
        if missing:
            problems.append(Problem(f"missing columns {missing}; a statements table needs "
                                    "entity_id, schema, prop, value, source", file=name, row=1))
            return data
        seen: set[str] = set()
        for lineno, row in enumerate(reader, start=2):
            where = Where(name, lineno)
            clean = {k: (v if v != "" else None) for k, v in row.items() if k}
            eid = clean.get("entity_id")
            if eid not in seen:
                seen.add(str(eid))
                data.entities.append(EntityRecord(eid, clean.get("schema"), clean.get("caption"),
                                                  clean.get("marking"), where))
            stmt = dict(clean)
            stmt["marking"] = clean.get("statement_marking")
            data.statements.append(_statement(eid, stmt, where))
    return data


_READERS: dict[str, Callable[[Path, str, list[Problem]], Dataset]] = {
    ".yaml": _read_yaml, ".yml": _read_yaml, ".json": _read_json, ".jsonl": _read_jsonl,
    ".csv": _read_csv,
}


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
    else:
        yield path


def read_path(path: Path) -> Dataset:
    """Read a file or folder; raises ValidationFailed listing every unreadable part."""
    problems: list[Problem] = []
    if not path.exists():
        raise ValidationFailed([Problem("no such file or folder", file=str(path))],
                               "Check the path; `sangam load` takes a file or a folder.")
    data = Dataset()
    files = list(_files(path))
    if not files:
        problems.append(Problem(f"no {', '.join(SUFFIXES)} files here", file=str(path)))
    for file in files:
        reader = _READERS.get(file.suffix.lower())
        if reader is None:
            problems.append(Problem(f"unsupported file type {file.suffix!r}; use one of "
                                    f"{', '.join(SUFFIXES)}", file=str(file)))
            continue
        try:
            data.extend(reader(file, str(file), problems))
        except UnicodeDecodeError:
            problems.append(Problem("not UTF-8 text", file=str(file)))
    if problems:
        raise ValidationFailed(problems)
    return data
