"""Batch screening of a CSV column, in-process or spread over a Dask cluster.

Output follows the DESIGN.md contract: a CSV with the input columns followed by `list`,
`source_id`, `matched_name`, `score`, `band` of the best match (empty where nothing reaches
the review band), one row per input row, in order; or JSON Lines with each name's full
result. On Dask the same `screen_names` kernel runs on each worker over a chunk of names.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sangam.errors import InvalidInput, Problem, ValidationFailed
from sangam.screening.model import ScreeningResult
from sangam.screening.screen import get_index, screen_names
from sangam.settings import Settings, get_settings

RESULT_COLUMNS = ("list", "source_id", "matched_name", "score", "band")
CHUNK = 2000

Progress = Callable[[int], None]


def read_names(path: Path, column: str) -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows) of a CSV, checking the column exists; rejects bad files whole."""
    if not path.is_file():
        raise InvalidInput(f"The file {path} does not exist.", "Give the path of a CSV file.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ValidationFailed(
            [Problem("not UTF-8 text", file=path.name, row=line)],
            "Save the CSV as UTF-8 and try again.",
        ) from None
    return parse_csv(text, column, path.name)


def parse_csv(text: str, column: str, filename: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = list(reader.fieldnames or [])
    if not header:
        raise ValidationFailed(
            [Problem("the file is empty (no header line)", file=filename, row=1)],
            "Give a CSV whose first line names its columns, e.g. name,country.",
        )
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise ValidationFailed(
            [Problem(f"the header repeats column(s) {', '.join(repeated)}", file=filename,
                     row=1)],
            "Give each column a distinct name.",
        )
    if column not in header:
        raise ValidationFailed(
            [Problem(f"no column '{column}' (columns: {', '.join(header) or 'none'})",
                     file=filename, row=1, field=column)],
            "Name the column that holds the names with --column.",
        )
    clash = [c for c in RESULT_COLUMNS if c in header]
    if clash:
        raise ValidationFailed(
            [Problem(f"the input already has column(s) {', '.join(clash)}", file=filename, row=1)],
            "Rename those columns; the results are added under these names.",
        )
    rows: list[dict[str, str]] = []
    for row in reader:
        if None in row:
            raise ValidationFailed(
                [Problem(f"more fields than the header's {len(header)}", file=filename,
                         row=reader.line_num)]
            )
        rows.append({k: (v or "") for k, v in row.items()})
    return header, rows


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _screen_chunk(
    names: list[str], country: str | None, threshold: float | None, lists: str | None,
    data_dir: str | None,
) -> list[dict[str, Any]]:
    """The Dask task: screen a chunk with the worker's own (cached) index."""
    settings = get_settings()
    if data_dir:
        settings = Settings(
            database_url=settings.database_url, data_dir=Path(data_dir),
            list_max_age_days=settings.list_max_age_days, secret_key=settings.secret_key,
        )
    results = screen_names(names, country, threshold, lists, settings=settings)
    return [r.to_dict() for r in results]


def screen_column(
    names: list[str],
    country: str | None = None,
    threshold: float | None = None,
    lists: str | None = None,
    progress: Progress | None = None,
    dask_address: str | None = None,
    settings: Settings | None = None,
) -> list[dict[str, Any]]:
    """Full JSON results for every name, in order."""
    settings = settings or get_settings()
    out: list[dict[str, Any]] = []
    if dask_address:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - dask is a declared dependency
            raise InvalidInput("Dask is not installed.", "pip install 'dask[distributed]'") from exc
        try:
            client = Client(dask_address, timeout=10)  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise InvalidInput(
                f"Cannot reach the Dask scheduler at {dask_address}: {exc}",
                "Check the address (e.g. tcp://scheduler:8786) and that the scheduler runs.",
            ) from None
        try:
            futures = [
                client.submit(_screen_chunk, chunk, country, threshold, lists,
                              str(settings.data_dir), pure=False)
                for chunk in _chunks(names, CHUNK)
            ]
            for future in futures:
                chunk_result: list[dict[str, Any]] = future.result()
                out.extend(chunk_result)
                if progress:
                    progress(len(chunk_result))
        finally:
            client.close()  # type: ignore[no-untyped-call]
        return out
    index = get_index(settings)
    for chunk in _chunks(names, 200):
        results: list[ScreeningResult] = screen_names(
            chunk, country, threshold, lists, settings=settings, index=index
        )
        out.extend(r.to_dict() for r in results)
        if progress:
            progress(len(chunk))
    return out


def result_row(result: dict[str, Any]) -> dict[str, str]:
    matches = result.get("matches") or []
    if not matches:
        return dict.fromkeys(RESULT_COLUMNS, "")
    best = matches[0]
    return {
        "list": str(best["list"]),
        "source_id": str(best["source_id"]),
        "matched_name": str(best["matched_name"]),
        "score": f"{best['score']:.4f}",
        "band": str(best["band"]),
    }


def csv_text(header: list[str], rows: list[dict[str, str]], results: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*header, *RESULT_COLUMNS], lineterminator="\n")
    writer.writeheader()
    for row, result in zip(rows, results, strict=True):
        writer.writerow({**row, **result_row(result)})
    return buffer.getvalue()


def jsonl_text(results: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results)


def write_results(
    out: Path, header: list[str], rows: list[dict[str, str]], results: list[dict[str, Any]]
) -> None:
    if out.suffix.lower() == ".jsonl":
        out.write_text(jsonl_text(results), encoding="utf-8")
    elif out.suffix.lower() == ".csv":
        out.write_text(csv_text(header, rows, results), encoding="utf-8")
    else:
        raise InvalidInput(
            f"Cannot write results to '{out.name}'.", "Use an output file ending in .csv or .jsonl."
        )
