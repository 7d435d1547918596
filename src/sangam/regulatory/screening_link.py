"""The link to the screening pillar, which may not be installed.

The pathfinder screens the named end user through `sangam.screening.screen_name` when that
pillar is present and says plainly when it is not; the `screening` key is always in the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ScreenFn = Callable[..., Any]
DEFAULT_SCREEN: ScreenFn | None
try:  # the screening pillar is optional and built separately
    from sangam.screening import screen_name as _imported_screen

    DEFAULT_SCREEN = _imported_screen
except ImportError:  # pragma: no cover - depends on what is installed
    DEFAULT_SCREEN = None


def screen_end_user(name: str | None, country: str | None,
                    screen: ScreenFn | None = DEFAULT_SCREEN) -> dict[str, Any]:
    """The `screening` part of an answer."""
    if not name:
        return {"available": screen is not None, "performed": False, "query": None,
                "matches": [], "note": "No end user named: nothing was screened."}
    if screen is None:
        return {"available": False, "performed": False, "query": name, "matches": [],
                "note": "The screening pillar is not installed here: the end user was NOT "
                        "screened against restricted-party lists. Screen it before relying on "
                        "this answer."}
    try:
        result = screen(name, country=country)
    except Exception as exc:
        return {"available": True, "performed": False, "query": name, "matches": [],
                "note": f"Screening failed ({type(exc).__name__}: {exc}); screen the end "
                        "user separately."}
    if isinstance(result, dict):
        data: Any = result
    else:
        convert = getattr(result, "to_dict", None) or getattr(result, "as_dict", None)
        data = convert() if convert is not None else {}
    matches = list(data.get("matches", [])) if isinstance(data, dict) else []
    note = (f"{len(matches)} possible restricted-party match(es): review before any export."
            if matches else "No restricted-party match above the review threshold.")
    return {"available": True, "performed": True, "query": name, "matches": matches,
            "note": note}
