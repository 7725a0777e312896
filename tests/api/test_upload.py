"""Loading through the API: off without a configured token, 401 with a wrong one."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).parents[2] / "data" / "samples"


def test_upload_is_off_without_a_token(client, api_token):
    r = client.post("/api/v1/reports", files={"files": ("a.txt", b"x", "text/plain")},
                    headers={"Authorization": f"Bearer {api_token}"})
    assert r.status_code == 404
    assert "PILOTGRAPH_API_TOKEN" in r.json()["error"]["message"]


@pytest.mark.parametrize("header", [None, "Bearer wrong-token-wrong-token", "Basic {token}", "{token}"])
def test_upload_refuses_a_missing_or_wrong_token(token_client, api_token, header):
    headers = {"Authorization": header.format(token=api_token)} if header else {}
    r = token_client.post("/api/v1/reports", files={"files": ("a.txt", b"x", "text/plain")}, headers=headers)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"


def test_upload_with_the_token_loads_or_says_loading_is_unavailable(token_client, api_token):
    sample = SAMPLES / "binjiang-amr-2025-h1.txt"
    r = token_client.post("/api/v1/reports", headers={"Authorization": f"Bearer {api_token}"},
                          files=[("files", (sample.name, sample.read_bytes(), "text/plain")),
                                 ("files", ("manifest.csv", (SAMPLES / "manifest.csv").read_bytes(), "text/csv"))])
    try:
        import pilotgraph.loaders.pipeline  # noqa: F401
    except ImportError:
        assert r.status_code == 503 and r.json()["error"]["code"] == "loading_unavailable"
        return
    assert r.status_code == 200, r.text
    assert r.json()["count"] == 1
    again = token_client.post("/api/v1/reports", headers={"Authorization": f"Bearer {api_token}"},
                              files=[("files", (sample.name, sample.read_bytes(), "text/plain"))])
    assert again.json()["data"][0]["status"] == "unchanged"
