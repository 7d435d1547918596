"""Where the lists live: the bundled snapshot and lists users import, swapped atomically.

The bundled snapshot (`data/screening/lists.yaml` and the official files beside it) makes
screening work offline. `sangam lists import` parses a current official file completely
first; only a file that parsed without a problem is written, to a temporary file that then
replaces the list in one `os.replace`, so a failed import leaves the lists in place
untouched and a reader never sees half a list.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from sangam.errors import InvalidInput, Unavailable
from sangam.screening.importers import ImportOptions, get_importer
from sangam.screening.model import ListEntry, ListInfo, ParsedList
from sangam.settings import Settings, get_settings

MANIFEST = "lists.yaml"


def bundled_dir(settings: Settings) -> Path:
    return settings.data_dir / "screening"


def store_dir(settings: Settings) -> Path:
    """Imported lists: `SANGAM_SCREENING_DIR`, else `var/screening` beside `data/`."""
    override = os.environ.get("SANGAM_SCREENING_DIR")
    return Path(override) if override else settings.data_dir.parent / "var" / "screening"


def _manifest(settings: Settings) -> list[dict[str, Any]]:
    path = bundled_dir(settings) / MANIFEST
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(data.get("lists", []))


@lru_cache(maxsize=32)
def _parse_bundled(path: str, fmt: str, list_id: str, published: str | None, note: str,
                   _mtime: float) -> ParsedList:
    options = ImportOptions(
        published=date.fromisoformat(published) if published else None, list_id=list_id
    )
    parsed = get_importer(fmt).importer(Path(path), options)
    if note:
        parsed = ParsedList(replace(parsed.info, date_note=note, imported_at="bundled"),
                            parsed.entries)
    else:
        parsed = ParsedList(replace(parsed.info, imported_at="bundled"), parsed.entries)
    return parsed


@lru_cache(maxsize=32)
def _read_stored(path: str, _mtime: float) -> ParsedList:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    info = ListInfo.from_dict(data["info"])
    return ParsedList(info, tuple(ListEntry.from_dict(e) for e in data["entries"]))


def sources(settings: Settings | None = None) -> dict[str, tuple[str, float]]:
    """Each current list id -> (file it is read from, that file's mtime): the cache key."""
    settings = settings or get_settings()
    out: dict[str, tuple[str, float]] = {}
    base = bundled_dir(settings)
    for item in _manifest(settings):
        path = base / str(item["path"])
        if path.is_file():
            out[str(item["list_id"])] = (str(path), path.stat().st_mtime)
    stored = store_dir(settings)
    if stored.is_dir():
        for path in sorted(stored.glob("*.json")):
            out[path.stem] = (str(path), path.stat().st_mtime)
    return out


def load_lists(settings: Settings | None = None) -> dict[str, ParsedList]:
    """Every current list: imported ones where present, else the bundled snapshot."""
    settings = settings or get_settings()
    manifest = {str(item["list_id"]): item for item in _manifest(settings)}
    out: dict[str, ParsedList] = {}
    for list_id, (path, mtime) in sources(settings).items():
        if path.endswith(".json"):
            out[list_id] = _read_stored(path, mtime)
        else:
            item = manifest[list_id]
            published = item.get("published")
            out[list_id] = _parse_bundled(
                path, str(item["format"]), list_id,
                str(published) if published else None, str(item.get("date_note", "")), mtime,
            )
    if not out:
        raise Unavailable(
            "No restricted-party lists are available.",
            "Import one with `sangam lists import --format FORMAT PATH`.",
        )
    return out


def import_list(
    fmt: str,
    path: Path,
    published: date | None = None,
    list_id: str | None = None,
    settings: Settings | None = None,
) -> ListInfo:
    """Parse an official file and make it the current list, atomically."""
    settings = settings or get_settings()
    spec = get_importer(fmt)
    if list_id is not None and not list_id.replace("-", "").isalnum():
        raise InvalidInput(f"List id '{list_id}' may hold only letters, digits and '-'.")
    parsed = spec.importer(path, ImportOptions(published=published, list_id=list_id))
    target_dir = store_dir(settings)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{parsed.info.list_id}.json"
    payload = {
        "info": parsed.info.to_dict(),
        "entries": [e.to_dict() for e in parsed.entries],
    }
    fd, tmp = tempfile.mkstemp(prefix=f".{parsed.info.list_id}.", suffix=".tmp", dir=target_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)  # atomic on POSIX and Windows
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return parsed.info


def list_infos(settings: Settings | None = None) -> list[ListInfo]:
    return [p.info for p in load_lists(settings).values()]
