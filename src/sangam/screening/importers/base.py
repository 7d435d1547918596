"""The importer registry and the helpers every importer shares.

An importer turns one official file (or a folder of them) into a :class:`ParsedList`, or
rejects it whole with :class:`ValidationFailed` naming the file and line. Importers never
write anything; the store makes the result current atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sangam.errors import InvalidInput, Problem, ValidationFailed
from sangam.screening.model import ParsedList


@dataclass(frozen=True)
class ImportOptions:
    """What the caller knows that the file may not say."""

    #: Publication date of the list; overrides what the file says (OFAC CSVs say nothing).
    published: date | None = None
    #: The list id to store the entries under (default: the format's own list id).
    list_id: str | None = None


Importer = Callable[[Path, ImportOptions], ParsedList]


@dataclass(frozen=True)
class FormatSpec:
    name: str
    list_id: str
    title: str
    publisher: str
    description: str
    importer: Importer


FORMATS: dict[str, FormatSpec] = {}


def register(
    name: str, list_id: str, title: str, publisher: str, description: str
) -> Callable[[Importer], Importer]:
    """Make an importer available under a format name."""

    def wrap(func: Importer) -> Importer:
        FORMATS[name] = FormatSpec(name, list_id, title, publisher, description, func)
        return func

    return wrap


def get_importer(name: str) -> FormatSpec:
    if name not in FORMATS:
        raise InvalidInput(
            f"Unknown list format '{name}'.",
            f"Use one of: {', '.join(sorted(FORMATS))}.",
        )
    return FORMATS[name]


def require_file(path: Path) -> Path:
    if not path.is_file():
        raise InvalidInput(
            f"The list file {path} does not exist or is not a file.",
            "Give the path of the downloaded official file.",
        )
    return path


def read_text(path: Path, encodings: tuple[str, ...] = ("utf-8",)) -> str:
    """Read a file in the first encoding that decodes it, or reject it naming the line."""
    data = path.read_bytes()
    for enc in encodings:
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            last = exc
    line = data[: last.start].count(b"\n") + 1
    raise ValidationFailed(
        [Problem(f"not valid {' or '.join(encodings)} text", file=path.name, row=line)],
        "Download the file again from the publisher; it may be truncated or in another format.",
    )


def file_date(path: Path) -> date:
    """Fallback publication date: the file's modification time (noted on the list)."""
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()


def fail(path: Path, line: int | None, message: str, field: str | None = None) -> ValidationFailed:
    return ValidationFailed(
        [Problem(message, file=path.name, row=line, field=field)],
        "Check that the file is the official download in the format you named "
        "(see `sangam lists import --help`).",
    )


def now_iso() -> str:
    return datetime.now(tz=UTC).isoformat(timespec="seconds")


def split_clean(text: str, sep: str) -> tuple[str, ...]:
    """Split, strip, and drop empties and exact duplicates, keeping order."""
    seen: dict[str, None] = {}
    for part in text.split(sep):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return tuple(seen)
