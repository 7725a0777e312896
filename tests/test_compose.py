"""docker-compose.yml and the Dockerfile, checked without a Docker engine.

`docker-compose config` (Debian's package, which `make test` installs) resolves and validates the
file; the tests then read what it resolved. A missing `docker-compose` fails these tests: it is
part of what the suite needs, not an optional extra.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
PASSWORD = "compose-test-Secret-42"


def _compose_binary() -> str:
    found = shutil.which("docker-compose")
    if found is None:
        pytest.fail("docker-compose is not installed: `make test` installs it "
                    "(apt-get install docker-compose)", pytrace=False)
    return found


def _run_config(tmp_path: Path, password: str | None) -> subprocess.CompletedProcess:
    """`docker-compose config` with a clean environment: no .env file, NEO4J_PASSWORD only if given."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NEO4J_", "PILOTGRAPH_", "COMPOSE_", "DOCKER_"))}
    if password is not None:
        env["NEO4J_PASSWORD"] = password
    empty_env_file = tmp_path / "empty.env"
    empty_env_file.write_text("", encoding="utf-8")
    return subprocess.run([_compose_binary(), "-f", str(COMPOSE_FILE), "--env-file", str(empty_env_file), "config"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _yaml_to_data(text: str) -> dict:
    """Parse YAML with PyYAML if this interpreter has it, else with the interpreter docker-compose runs on."""
    try:
        import yaml
    except ImportError:
        pass
    else:
        return yaml.safe_load(text)
    first_line = Path(_compose_binary()).read_bytes().split(b"\n", 1)[0].decode(errors="replace")
    interpreter = first_line[2:].strip().split() if first_line.startswith("#!") else [sys.executable]
    done = subprocess.run([*interpreter, "-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"],
                          input=text, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        pytest.fail(f"no YAML parser to read `docker-compose config` with: {done.stderr.strip()}", pytrace=False)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> dict:
    done = _run_config(tmp_path_factory.mktemp("compose"), PASSWORD)
    assert done.returncode == 0, f"docker-compose config failed:\n{done.stderr}"
    return _yaml_to_data(done.stdout)


def _environment(service: dict) -> dict:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return env


def _healthcheck_command(service: dict) -> str:
    test = service["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else test


def test_config_refuses_to_run_without_a_password(tmp_path):
    done = _run_config(tmp_path, password=None)
    assert done.returncode != 0, "docker-compose config must fail when NEO4J_PASSWORD is unset"
    assert "NEO4J_PASSWORD" in done.stderr


def test_no_default_password_is_written_in_the_file():
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    assert not re.search(r"NEO4J_PASSWORD:?-", text), "NEO4J_PASSWORD must have no default"
    assert "${NEO4J_PASSWORD:?" in text


def test_neo4j_service(config):
    neo4j = config["services"]["neo4j"]
    assert re.fullmatch(r"neo4j:5\.26[\w.]*-community", neo4j["image"])
    assert _environment(neo4j)["NEO4J_AUTH"] == f"neo4j/{PASSWORD}"
    targets = {str(v["target"] if isinstance(v, dict) else v.split(":")[1]) for v in neo4j["volumes"]}
    assert {"/data", "/logs"} <= targets
    probe = _healthcheck_command(neo4j)
    assert "cypher-shell" in probe and "RETURN" in probe
    assert PASSWORD not in probe, "the healthcheck reads the password from the container's environment"


def test_api_service_waits_for_a_healthy_neo4j(config):
    api = config["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = _environment(api)
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"] == PASSWORD
    assert env["NEO4J_USERNAME"] == "neo4j"
    assert Path(api["build"]["context"] if isinstance(api["build"], dict) else api["build"]).resolve() == ROOT
    command = api.get("command") or []
    assert "serve" in command and "0.0.0.0" in command and "8000" in command
    probe = _healthcheck_command(api)
    assert "http://localhost:8000/health" in probe
    assert "curl" not in probe, "the python:slim image has no curl"


def test_dockerfile_copies_every_package_folder_and_serves():
    text = DOCKERFILE.read_text(encoding="utf-8")
    copied = set()
    for line in text.splitlines():
        if line.startswith("COPY "):
            sources = line.split()[1:-1]
            for source in sources:
                assert (ROOT / source).exists() or source == "README.md", f"COPY source {source} is missing"
                copied.add(source.rstrip("/"))
    package_dirs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]
    top_folders = {d.split("/")[0] for d in package_dirs.values()}
    assert top_folders <= copied, f"the image misses {sorted(top_folders - copied)}"
    assert {"pyproject.toml", "README.md"} <= copied
    assert re.search(r'CMD \["pilotgraph", "serve", "--host", "0\.0\.0\.0", "--port", "8000"\]', text)
