"""A pytest plugin giving the tests a real Neo4j 5: the fixtures `neo4j_connection` and `neo4j_driver`.

(`neo4j_server_factory` serves the tests of the launcher itself.)

When ``NEO4J_URI`` is set, the tests use that server (``NEO4J_USERNAME`` or ``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``). Otherwise the session builds the Maven project in
``tests/neo4j-server/`` if its jars are missing or older than its sources, starts the launcher on a
free port with a random password, waits until Bolt answers, and stops it when the session ends.
Only tests that ask for these fixtures start the server, so ``pytest -m "not neo4j"`` needs no Java.

A server that cannot start fails the tests that need it, with the reason and the launcher's last
lines of output: it never skips them. Knobs (environment variables):

- ``PILOTGRAPH_NEO4J_JAVA_OPTS``: JVM options (default ``-Xms256m -Xmx1g -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError``);
- ``PILOTGRAPH_NEO4J_PAGE_CACHE``: Neo4j's page cache (default ``128m``);
- ``PILOTGRAPH_NEO4J_START_TIMEOUT``: seconds to wait for Bolt (default 240);
- ``MVN``: the Maven command (default ``mvn``); ``JAVA_HOME``: picks the ``java`` binary.

>>> import shlex; shlex.split(DEFAULT_JAVA_OPTS)[-1]
'-XX:+ExitOnOutOfMemoryError'
"""

from __future__ import annotations

import collections
import os
import secrets
import shlex
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

SERVER_DIR = Path(__file__).resolve().parent / "neo4j-server"
SERVER_JAR = SERVER_DIR / "target" / "neo4j-test-server.jar"
SERVER_LIB = SERVER_DIR / "target" / "lib"
LAUNCHER_CLASS = "pilotgraph.testserver.Neo4jTestServer"
READY_PREFIX = "NEO4J_READY "
DEFAULT_JAVA_OPTS = "-Xms256m -Xmx1g -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
BUILD_TIMEOUT = 1_500
_SERVERS_STARTED: list[str] = []


class Neo4jServerError(Exception):
    """The test server could not be built or started; the message says why and what it printed."""


def _sources() -> list[Path]:
    return [SERVER_DIR / "pom.xml", *sorted((SERVER_DIR / "src").rglob("*.java"))]


def build_is_current() -> bool:
    """True when the launcher jar and its libraries exist and are newer than every source file."""
    if not SERVER_JAR.is_file() or not SERVER_LIB.is_dir() or not any(SERVER_LIB.glob("neo4j-*.jar")):
        return False
    built = SERVER_JAR.stat().st_mtime
    return all(src.stat().st_mtime <= built for src in _sources())


def build_server(force: bool = False) -> None:
    """Run ``mvn -q -B package`` in tests/neo4j-server unless the build is current."""
    if not force and build_is_current():
        return
    mvn = shlex.split(os.environ.get("MVN", "mvn"))
    if shutil.which(mvn[0]) is None:
        raise Neo4jServerError(
            f"Maven ({mvn[0]!r}) is not on PATH, so the Neo4j test server cannot be built: "
            "install Maven and a JDK 17+ (`make test` does), or point NEO4J_URI at a running Neo4j 5.")
    shutil.rmtree(SERVER_LIB, ignore_errors=True)  # jars of an older Neo4j version must not linger on the classpath
    try:
        done = subprocess.run([*mvn, "-q", "-B", "package"], cwd=SERVER_DIR, capture_output=True,
                              text=True, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise Neo4jServerError(f"building the Neo4j test server took over {BUILD_TIMEOUT} s") from exc
    if done.returncode != 0 or not build_is_current():
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-40:])
        raise Neo4jServerError(f"`mvn package` in {SERVER_DIR} failed (exit {done.returncode}):\n{tail}")


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise Neo4jServerError("`java` is not on PATH: install a JDK 17+ or point NEO4J_URI at a running Neo4j 5.")
    return found


class Neo4jTestServer:
    """One launcher process: `start()` returns the Bolt URI, `stop()` closes its stdin and waits.

    >>> server = Neo4jTestServer(password="not-started")
    >>> server.uri is None
    True
    """

    def __init__(self, password: str, page_cache: str | None = None, java_opts: str | None = None):
        self.password = password
        self.page_cache = page_cache or os.environ.get("PILOTGRAPH_NEO4J_PAGE_CACHE", "128m")
        self.java_opts = java_opts or os.environ.get("PILOTGRAPH_NEO4J_JAVA_OPTS", DEFAULT_JAVA_OPTS)
        self.uri: str | None = None
        self.process: subprocess.Popen | None = None
        self._output: collections.deque[str] = collections.deque(maxlen=60)
        self._ready = threading.Event()

    def output_tail(self, lines: int = 30) -> str:
        return "\n".join(list(self._output)[-lines:]) or "(no output)"

    def _pump(self, stream) -> None:
        for line in stream:
            line = line.rstrip("\n")
            self._output.append(line)
            if line.startswith(READY_PREFIX) and self.uri is None:
                self.uri = line[len(READY_PREFIX):].strip()
                self._ready.set()
        self._ready.set()  # the stream closed: the process has ended, wake the waiter

    def start(self, timeout: float) -> str:
        classpath = f"{SERVER_JAR}{os.pathsep}{SERVER_LIB / '*'}"
        command = [_java(), *shlex.split(self.java_opts), "-cp", classpath, LAUNCHER_CLASS,
                   "--port", "0", "--page-cache", self.page_cache]
        env = {**os.environ, "NEO4J_TEST_PASSWORD": self.password}
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, env=env, cwd=SERVER_DIR)
        threading.Thread(target=self._pump, args=(self.process.stdout,), daemon=True).start()
        if not self._ready.wait(timeout):
            self.stop()
            raise Neo4jServerError(f"the Neo4j test server printed no {READY_PREFIX.strip()} line within "
                                   f"{timeout:.0f} s; its last output:\n{self.output_tail()}")
        if self.uri is None:
            code = self.process.wait()
            raise Neo4jServerError(f"the Neo4j test server exited with {code} before it was ready; "
                                   f"its last output:\n{self.output_tail()}")
        return self.uri

    def stop(self, timeout: float = 60) -> None:
        """Close stdin (the launcher shuts Neo4j down cleanly), then terminate, then kill."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        try:
            process.stdin.close()
        except OSError:
            pass
        for escalate in (process.terminate, process.kill):
            try:
                process.wait(timeout)
                return
            except subprocess.TimeoutExpired:
                escalate()
        process.wait(10)


def wait_for_bolt(conn: dict, timeout: float) -> None:
    """Return once `conn` answers `RETURN 1` with its credentials; a wrong password raises at once."""
    import neo4j

    deadline = time.monotonic() + timeout
    while True:
        try:
            with neo4j.GraphDatabase.driver(conn["uri"], auth=(conn["user"], conn["password"])) as driver:
                driver.verify_connectivity()
                driver.execute_query("RETURN 1", database_=conn["database"])
            return
        except neo4j.exceptions.AuthError:
            raise
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


_wait_for_bolt = wait_for_bolt  # the name tests/benchmarks first used


def _problem(function, *args, **kwargs) -> Exception | None:
    """The exception `function` raised, if any (so that pytest.fail runs outside the except block)."""
    try:
        function(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001  every reason is reported
        return exc
    return None


def _external_connection() -> dict | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return {
        "uri": uri,
        "user": os.environ.get("NEO4J_USERNAME") or os.environ.get("NEO4J_USER") or "neo4j",
        "password": os.environ.get("NEO4J_PASSWORD", ""),
        "database": os.environ.get("NEO4J_DATABASE") or "neo4j",
    }


@pytest.fixture(scope="session")
def neo4j_connection():
    """Where the tests' Neo4j listens: ``{"uri", "user", "password", "database"}``.

    The server is shared by the whole session; tests clean up the data they rely on themselves.
    """
    external = _external_connection()
    if external is not None:
        problem = _problem(wait_for_bolt, external, timeout=30)
        if problem:
            pytest.fail(f"NEO4J_URI={external['uri']} is set but Neo4j does not answer there "
                        f"(user {external['user']!r}): {problem}", pytrace=False)
        _SERVERS_STARTED.append(f"{external['uri']} (from NEO4J_URI)")
        yield external
        return

    timeout = float(os.environ.get("PILOTGRAPH_NEO4J_START_TIMEOUT", "240"))
    server = Neo4jTestServer(password=secrets.token_urlsafe(18))
    conn = {"uri": None, "user": "neo4j", "password": server.password, "database": "neo4j"}

    def start() -> None:
        build_server()
        conn["uri"] = server.start(timeout)
        wait_for_bolt(conn, timeout=60)

    problem = _problem(start)
    if problem:
        server.stop()
        if not isinstance(problem, Neo4jServerError):  # those already quote the launcher's output
            problem = f"{problem}\nlauncher output:\n{server.output_tail()}"
        pytest.fail(f"the Neo4j test server could not start: {problem}", pytrace=False)
    _SERVERS_STARTED.append(conn["uri"])
    try:
        yield conn
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_connection):
    """One driver for the session, authenticated against `neo4j_connection`."""
    import neo4j

    driver = neo4j.GraphDatabase.driver(neo4j_connection["uri"],
                                        auth=(neo4j_connection["user"], neo4j_connection["password"]))
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def neo4j_server_factory():
    """`Neo4jTestServer`, with the launcher built: for tests of the launcher itself (start, stop)."""
    problem = _problem(build_server)
    if problem:
        pytest.fail(f"the Neo4j test server could not be built: {problem}", pytrace=False)
    return Neo4jTestServer


@pytest.hookimpl(tryfirst=True)  # before `-m` selects on markers
def pytest_collection_modifyitems(config, items):
    """A test that uses the Neo4j fixtures is a `neo4j` test, whether or not it says so."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if {"neo4j_connection", "neo4j_driver", "neo4j_server_factory"} & set(names) and item.get_closest_marker("neo4j") is None:
            item.add_marker(pytest.mark.neo4j)


def pytest_terminal_summary(terminalreporter):
    for where in _SERVERS_STARTED:
        terminalreporter.write_line(f"neo4j server used by the tests: {where}")
