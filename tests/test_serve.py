"""The editor's preview: `mkdocs serve` rebuilds when a YAML file changes, and a data
mistake shows its message without stopping the server."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import yaml


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_on_a_yaml_edit_and_survives_a_data_error(project, tmp_path):
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    page = f"http://127.0.0.1:{port}/explainer/actors/park-sun-won/"
    actor = project / "data" / "actors" / "park-sun-won.yaml"
    fields = yaml.safe_load(actor.read_text(encoding="utf-8"))
    try:
        assert wait_for(lambda: "Park Sun-won" in (fetch(page) or "")), open(tmp_path / "serve.log").read()

        fields["name"] = "Park Sun-won (edited)"
        actor.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
        assert wait_for(lambda: "Park Sun-won (edited)" in (fetch(page) or ""))

        actor.write_text(actor.read_text(encoding="utf-8") + "kind: person\n", encoding="utf-8")  # duplicate key
        assert wait_for(lambda: "duplicate field 'kind'" in (tmp_path / "serve.log").read_text())
        assert server.poll() is None, "a data error must not stop the preview server"

        fields["name"] = "Park Sun-won (fixed)"
        actor.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
        assert wait_for(lambda: "Park Sun-won (fixed)" in (fetch(page) or ""))
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
