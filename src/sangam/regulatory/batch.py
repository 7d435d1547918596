"""Batch mode: a CSV of planned transfers in, one determination summary per row out.

The file is validated whole first (every bad row named with its field) so nothing is half
answered. Rules are compiled once; each distinct end user is screened once; identical
transfers are answered once and the answer reused, which is what makes a large plan cheap.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sangam.errors import InvalidInput, Problem, SangamError, ValidationFailed
from sangam.regulatory.codes import parse_item
from sangam.regulatory.model import Answer, Query
from sangam.regulatory.pathfinder import default_sandboxes, normalise, pathfind
from sangam.regulatory.rulebook import RuleBook, get_rulebook
from sangam.regulatory.screening_link import DEFAULT_SCREEN, ScreenFn, screen_end_user

COLUMNS = ("item", "from", "to", "kind", "end_user", "end_use", "nationality",
           "us_content_percent", "value")
_REUSE_LIMIT = 4096
OUT_COLUMNS = ("licence_required", "regimes", "authorities", "longest_typical_days",
               "questions", "unverified_rows", "sandboxes", "screening")


def _number(raw: str | None, field: str, file: str, row: int,
            problems: list[Problem]) -> float | None:
    if raw is None or not raw.strip():
        return None
    try:
        return float(raw)
    except ValueError:
        problems.append(Problem(f"{raw!r} is not a number", file=file, row=row, field=field))
        return None


def read_queries(path: Path, book: RuleBook) -> tuple[list[dict[str, str]], list[Query]]:
    """Read and validate the whole file; ValidationFailed names every bad row and field."""
    if not path.is_file():
        raise InvalidInput(f"batch file {path} not found", "Give the path of a CSV file.")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in ("item", "from", "to") if c not in header]
        if missing:
            raise ValidationFailed([Problem(f"missing column {c!r}", file=path.name, field=c)
                                    for c in missing],
                                   "The header needs at least item, from, to; optional: "
                                   + ", ".join(COLUMNS[3:]) + ".")
        rows = [{(k or "").strip(): (v or "").strip() for k, v in r.items()} for r in reader]
    problems: list[Problem] = []
    queries: list[Query] = []
    for number, row in enumerate(rows, start=2):
        before = len(problems)
        pct = _number(row.get("us_content_percent"), "us_content_percent", path.name, number,
                      problems)
        value = _number(row.get("value"), "value", path.name, number, problems)
        if len(problems) > before:
            continue
        try:
            q = normalise(book, row.get("item", ""), row.get("from", ""), row.get("to", ""),
                          row.get("kind") or "hardware", row.get("end_user"),
                          row.get("end_use"), row.get("nationality"), pct, value)
            parse_item(book, q.item)
            queries.append(q)
        except SangamError as exc:
            field = "item" if "item" in exc.message or "ECCN" in exc.message else None
            problems.append(Problem(f"{exc.message} ({exc.hint})" if exc.hint else exc.message,
                                    file=path.name, row=number, field=field))
    if problems:
        raise ValidationFailed(problems)
    return rows, queries


def run_batch(queries: list[Query], book: RuleBook | None = None,
              screen: ScreenFn | None = DEFAULT_SCREEN,
              progress: Callable[[int], None] | None = None) -> Iterator[Answer]:
    """Answer each query in order, reusing answers for identical queries."""
    book = book or get_rulebook()
    boxes = default_sandboxes()
    # Keep an answer only while a later row asks the same question, and drop it at its last
    # use. Holding every recent answer (up to _REUSE_LIMIT) made the garbage collector rescan
    # them over and over: it cut batch throughput to about half the per-query rate.
    remaining = Counter(queries)
    answers: dict[Query, Answer] = {}
    screened: dict[tuple[str | None, str], dict[str, Any]] = {}
    for q in queries:
        left = remaining[q] - 1
        remaining[q] = left
        answer = answers.get(q) if left else answers.pop(q, None)
        if answer is None:
            answer = pathfind(q, book, boxes, screen=False)
            key = (q.end_user, q.to_country)
            if key not in screened:
                screened[key] = screen_end_user(q.end_user, q.to_country, screen=screen)
            answer.screening = screened[key]
            if left and len(answers) < _REUSE_LIMIT:  # bounded: a long plan must not hold
                answers[q] = answer  # every answer in memory
        if progress is not None:
            progress(1)
        yield answer


def summary_row(answer: Answer) -> dict[str, str]:
    """The output columns for one answer (CSV mode)."""
    summary = answer.summary()
    unverified = {r for d in answer.determinations for r in d.rows if not r.verified}
    return {
        "licence_required": summary["licence_required"],
        "regimes": "; ".join(f"{d.regime}: {d.licence_required}" for d in answer.determinations),
        "authorities": "; ".join(summary["authorities"]),
        "longest_typical_days": str(summary["longest_typical_days"] or ""),
        "questions": " | ".join(summary["questions"]),
        "unverified_rows": str(len(unverified)),
        "sandboxes": "; ".join(f"{b['id']} ({b['fit']})" for b in answer.sandboxes),
        "screening": answer.screening.get("note", ""),
    }


def write_results(rows: list[dict[str, str]], answers: Iterator[Answer], out: Path) -> int:
    """Write `.csv` (input columns + summary columns) or `.jsonl` (full answers)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    if out.suffix.lower() == ".jsonl":
        with out.open("w", encoding="utf-8") as handle:
            for answer in answers:
                handle.write(json.dumps(answer.as_dict(), ensure_ascii=False, default=str) + "\n")
                count += 1
        return count
    if out.suffix.lower() != ".csv":
        raise InvalidInput(f"unknown output format {out.suffix!r}", "Use --out R.csv or R.jsonl.")
    fields = list(rows[0].keys()) if rows else list(COLUMNS)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields + list(OUT_COLUMNS),
                                lineterminator="\n")
        writer.writeheader()
        for row, answer in zip(rows, answers, strict=False):
            writer.writerow({**row, **summary_row(answer)})
            count += 1
    return count
