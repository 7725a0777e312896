"""Fixtures of the view tests: a small store, the app, a live server and headless Chromium.

Browser tests (marker `browser`) drive Debian's `chromium` through `chromedriver` with selenium;
no browser is ever downloaded. Without them installed the browser tests skip, unless CI or
PILOTGRAPH_REQUIRE_BROWSER is set, in which case they fail with what to install.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from viz_sample_data import sample_batches  # noqa: E402

#: flags that keep headless Chromium offline and quiet (a fresh profile is added per session)
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
                  "--window-size=1400,1000", "--force-device-scale-factor=1")


def _browser_required() -> bool:
    flags = (os.environ.get("CI", ""), os.environ.get("PILOTGRAPH_REQUIRE_BROWSER", ""))
    return any(f.strip().lower() not in ("", "0", "false", "no") for f in flags)


def find_browser() -> tuple[str, str] | None:
    chromium = os.environ.get("PILOTGRAPH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
    return (chromium, driver) if chromium and driver else None


@pytest.fixture()
def sample_store():
    from pilotgraph.graph.local_store import LocalStore

    store = LocalStore(":memory:")
    store.ensure_schema()
    store.load_many(sample_batches())
    yield store
    store.close()


@pytest.fixture()
def client(sample_store):
    from fastapi.testclient import TestClient

    from pilotgraph.api.app import create_app

    with TestClient(create_app(_settings(), store=sample_store)) as test_client:
        yield test_client


def _settings():
    from pilotgraph.settings import Settings

    return Settings(_env_file=None, neo4j_uri=None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server():
    """The app with the sample store, served by uvicorn on a free localhost port."""
    import uvicorn

    from pilotgraph.api.app import create_app
    from pilotgraph.graph.local_store import LocalStore

    store = LocalStore(":memory:")
    store.ensure_schema()
    store.load_many(sample_batches())
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(_settings(), store=store), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium via chromedriver, logging console messages and network requests."""
    found = find_browser()
    if found is None:
        message = ("headless Chromium not found: install Debian's `chromium` and `chromium-driver` "
                   "(apt-get install -y chromium chromium-driver fonts-noto-cjk)")
        if _browser_required():
            pytest.fail(message)
        pytest.skip(message)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        message = "selenium is not installed: pip install -e '.[test]'"
        if _browser_required():
            pytest.fail(message)
        pytest.skip(message)
    chromium, driver_path = found
    profile = tempfile.mkdtemp(prefix="pilotgraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    driver.get("about:blank")
    for kind in ("browser", "performance"):  # whatever start-up logged is not a page's doing
        driver.get_log(kind)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
