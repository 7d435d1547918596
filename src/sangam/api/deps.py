"""Typed dependencies so routes read plainly: the engine and the reader."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from sangam.access.markings import Reader
from sangam.settings import Settings


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine_dep(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_reader(request: Request) -> Reader:
    """The reader whose markings apply. Accounts come with the access pillar; until then
    a caller states a country and organisations in the X-Sangam-Country and
    X-Sangam-Orgs headers and is trusted; without them a reader sees PUBLIC only."""
    country = request.headers.get("X-Sangam-Country")
    orgs = request.headers.get("X-Sangam-Orgs", "")
    return Reader(
        country=country.strip().upper() if country else None,
        orgs=frozenset(o.strip() for o in orgs.split(",") if o.strip()),
    )


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
EngineDep = Annotated[Engine, Depends(get_engine_dep)]
ReaderDep = Annotated[Reader, Depends(get_reader)]
