"""Raw records as read from a file, before validation: each remembers where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Where:
    """File and row (line number, or a YAML/JSON path like `entities[3].statements[2]`)."""

    file: str
    row: int | str | None = None


@dataclass
class SourceRecord:
    fields: dict[str, Any]
    where: Where


@dataclass
class EntityRecord:
    id: Any
    schema: Any
    caption: Any
    marking: Any
    where: Where


@dataclass
class StatementRecord:
    entity_id: Any
    prop: Any
    value: Any
    source: Any
    where: Where
    quote: Any = None
    unit: Any = None
    confidence: Any = None
    marking: Any = None
    conflict: Any = None
    cites: Any = None
    note: Any = None
    recorded_at: Any = None
    recorded_by: Any = None


@dataclass
class Dataset:
    """Everything read from one path (a file or a folder of files)."""

    sources: list[SourceRecord] = field(default_factory=list)
    entities: list[EntityRecord] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def extend(self, other: Dataset) -> None:
        self.sources += other.sources
        self.entities += other.entities
        self.statements += other.statements
        self.files += other.files
