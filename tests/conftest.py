"""Shared fixtures: real databases (SQLite always, PostgreSQL when CI provides one).

`SANGAM_TEST_POSTGRES_URL` names a server where tests may create and drop databases;
`.ci/run` starts one, so CI runs every `db_url` test on both engines. Without it, the
PostgreSQL half is skipped with a message saying how to run it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from sangam.db import get_engine, migrate

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("SANGAM_TEST_POSTGRES_URL")


def _pg_database() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("PostgreSQL not configured: set SANGAM_TEST_POSTGRES_URL (.ci/run does)")
    name = f"sangam_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(PG_URL).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(drivername="postgresql+psycopg", database=name)
    rendered = url.render_as_string(hide_password=False)
    try:
        yield rendered
    finally:
        get_engine(rendered).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each engine."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'sangam.db'}"
        yield url
        get_engine(url).dispose()
    else:
        yield from _pg_database()


@pytest.fixture
def engine(db_url: str) -> Engine:
    """A migrated, empty knowledge base."""
    eng = get_engine(db_url)
    migrate(eng)
    return eng


@pytest.fixture
def cli_env(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the CLI at the test database (settings are read from the environment)."""
    monkeypatch.setenv("SANGAM_DATABASE_URL", db_url)
    return db_url
