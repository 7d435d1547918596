"""Restricted-party screening: official lists, cross-script name matching, explanations.

Library use (other pillars call this, never a face)::

    from sangam.screening import screen_name
    result = screen_name("Toshiba Corporation", country="JP")
    result.band, [m.to_dict() for m in result.matches]
"""

from sangam import compiled

# before any submodule: a compiled one built from older source must not run
compiled.require_current(__name__)

from sangam.screening.model import ListEntry, ListInfo, Match, ScreeningResult
from sangam.screening.screen import (
    DEFAULT_THRESHOLD,
    MATCH_THRESHOLD,
    get_index,
    screen_name,
    screen_names,
)
from sangam.screening.store import import_list, list_infos, load_lists

__all__ = [
    "DEFAULT_THRESHOLD",
    "MATCH_THRESHOLD",
    "ListEntry",
    "ListInfo",
    "Match",
    "ScreeningResult",
    "get_index",
    "import_list",
    "list_infos",
    "load_lists",
    "screen_name",
    "screen_names",
]
