"""Database engine and schema migrations, one code path for SQLite and PostgreSQL.

SQLite is the default (one file under `var/`); PostgreSQL is used when
`SANGAM_DATABASE_URL` points at it. Dialect differences are confined to the few places that
need them (full-text search, upserts), which ask :func:`dialect` rather than guessing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

from sangam.errors import Unavailable

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    # A larger page cache keeps big loads (random-order primary keys) off the disk.
    cur.execute("PRAGMA cache_size=-131072")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


@cache
def get_engine(url: str) -> Engine:
    """One engine per database URL for the life of the process."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.drivername in ("postgresql", "postgres"):
        url = str(parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
    return create_engine(url, pool_pre_ping=True)


def dialect(conn: Connection | Engine) -> str:
    """`sqlite` or `postgresql`."""
    return conn.dialect.name


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema up to date; safe to run on every start."""
    command.upgrade(alembic_config(engine), "head")


def require_schema(engine: Engine) -> None:
    """Fail with a clear message when the database has not been initialised."""
    if not inspect(engine).has_table("statement"):
        raise Unavailable(
            f"The database at {engine.url.render_as_string(hide_password=True)} is not set up.",
            "Run `sangam init` (or `sangam init --seed` to load the bundled dataset).",
        )
