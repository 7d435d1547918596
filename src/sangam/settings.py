"""Typed settings read from the environment.

Sangam must work with no configuration at all (`make run` on a fresh machine), so every
setting has a default; environment variables override them. Settings are immutable and
created per call of :func:`get_settings`, never mutated globally.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: The repository root when running from a checkout (editable install), used to find `data/`.
REPO_ROOT = Path(__file__).resolve().parents[2]


def _default_data_dir() -> Path:
    return REPO_ROOT / "data"


@dataclass(frozen=True)
class Settings:
    """Where Sangam keeps its database and finds its bundled data."""

    database_url: str = "sqlite:///var/sangam.db"
    data_dir: Path = field(default_factory=_default_data_dir)
    #: Lists older than this many days make screening results carry a warning.
    list_max_age_days: int = 90
    #: Secret for signing CSRF tokens; generated per process when not set.
    secret_key: str | None = None

    @property
    def seed_dir(self) -> Path:
        return self.data_dir / "seed"


def get_settings() -> Settings:
    """Read settings from `SANGAM_*` environment variables."""
    env = os.environ
    return Settings(
        database_url=env.get("SANGAM_DATABASE_URL", Settings.database_url),
        data_dir=Path(env["SANGAM_DATA_DIR"]) if "SANGAM_DATA_DIR" in env else _default_data_dir(),
        list_max_age_days=int(env.get("SANGAM_LIST_MAX_AGE_DAYS", "90")),
        secret_key=env.get("SANGAM_SECRET_KEY"),
    )
