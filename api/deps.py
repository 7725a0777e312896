"""Dependencies the routers share: the store and the settings, both held by the app.

`create_app(settings, store)` puts them on `app.state`; when no store was given, the configured
one is opened on first use (the views' router reads the same `app.state.store`).
"""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request

from pilotgraph.graph.store import GraphStore
from pilotgraph.settings import Settings, get_settings

_open_lock = threading.Lock()


def get_settings_dep(request: Request) -> Settings:
    settings = getattr(request.app.state, "settings", None)
    if settings is None:
        settings = request.app.state.settings = get_settings()
    return settings


def get_store(request: Request) -> GraphStore:
    store = getattr(request.app.state, "store", None)
    if store is None:
        with _open_lock:
            store = getattr(request.app.state, "store", None)
            if store is None:
                from pilotgraph.graph import open_store

                store = request.app.state.store = open_store(get_settings_dep(request))
    return store


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
