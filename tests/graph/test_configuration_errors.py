"""Bad configuration gets one clear message naming the setting, never a traceback wall."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pilotgraph.errors import ConfigurationError, StoreUnavailable
from pilotgraph.graph import open_store
from pilotgraph.graph.local_store import LocalStore
from pilotgraph.settings import get_settings


def test_unwritable_database_path_names_the_setting(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigurationError) as info:
        LocalStore(blocker / "graph.sqlite")
    assert "PILOTGRAPH_DB" in info.value.message and "--db" in info.value.message


def test_database_path_that_is_a_directory_is_refused(tmp_path):
    with pytest.raises(ConfigurationError) as info:
        LocalStore(tmp_path)
    assert "PILOTGRAPH_DB" in info.value.message


def test_unreachable_neo4j_names_the_uri(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "whatever-password")
    with pytest.raises(StoreUnavailable) as info:
        open_store(get_settings())
    assert "NEO4J_URI=bolt://127.0.0.1:9" in info.value.message


def test_missing_password_is_named(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with pytest.raises(ConfigurationError) as info:
        open_store(get_settings(_env_file=None))
    assert "NEO4J_PASSWORD" in info.value.message


def test_malformed_uri_is_named(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "http://127.0.0.1:7474")
    monkeypatch.setenv("NEO4J_PASSWORD", "whatever-password")
    with pytest.raises(ConfigurationError) as info:
        open_store(get_settings())
    assert "NEO4J_URI" in info.value.message


def test_placeholder_api_token_is_refused(monkeypatch):
    monkeypatch.setenv("PILOTGRAPH_API_TOKEN", "changeme")
    with pytest.raises(ConfigurationError) as info:
        get_settings()
    assert "PILOTGRAPH_API_TOKEN" in info.value.message


def test_neo4j_user_is_accepted_for_username(monkeypatch):
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    monkeypatch.setenv("NEO4J_USER", "researcher")
    assert get_settings().neo4j_username == "researcher"


def test_cli_prints_one_line_without_traceback(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "whatever-password",
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "pilotgraph", "stats", "--json"], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "NEO4J_URI=bolt://127.0.0.1:9" in done.stderr


@pytest.mark.neo4j
def test_wrong_credentials_name_both_settings(neo4j_connection, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_connection["uri"])
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_connection["user"])
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_connection["password"] + "-wrong")
    with pytest.raises(ConfigurationError) as info:
        open_store(get_settings())
    assert "NEO4J_USERNAME / NEO4J_PASSWORD" in info.value.message


@pytest.mark.neo4j
def test_absent_optional_properties_raise_no_server_notices(neo4j_connection, monkeypatch, caplog):
    """Entities without a level are normal; reading them must not print the server's
    "property key does not exist" notice on every query (it did on the synthetic benchmark)."""
    import logging

    monkeypatch.setenv("NEO4J_URI", neo4j_connection["uri"])
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_connection["user"])
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_connection["password"])
    notices = logging.getLogger("neo4j.notifications")
    monkeypatch.setattr(notices, "level", logging.NOTSET)
    store = open_store(get_settings())
    try:
        with caplog.at_level(logging.INFO):
            store._read("MATCH (e:Entity {key: $k}) RETURN e.no_such_property_anywhere AS v", k="none")
    finally:
        store.close()
    assert [r for r in caplog.records if r.name == "neo4j.notifications"] == []
