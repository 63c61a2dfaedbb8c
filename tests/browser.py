"""Headless Chromium driven over the DevTools protocol, for tests that need a real browser:
axe-core's accessibility rules, and layout at a given window width.

Debian's `chromium` runs with a fresh profile and no background networking (this machine's
network is closed, and the HTML edition must need none). The protocol is JSON over one
WebSocket (websocket-client); a page is a file:// URL, since the edition is self-contained.
"""
from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*")
AXE_PATHS = ("node_modules/axe-core/axe.min.js", ".node/node_modules/axe-core/axe.min.js")


def chromium() -> str | None:
    """Return the path of Chromium, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def axe_source(repo: Path) -> str | None:
    """Return axe-core's script ($AXE_CORE, or npm's install in the repository), or None."""
    paths = [Path(os.environ["AXE_CORE"])] if os.environ.get("AXE_CORE") else []
    paths += [repo / path for path in AXE_PATHS]
    return next((p.read_text(encoding="utf-8") for p in paths if p.is_file()), None)


class Browser:
    """One Chromium process and one page in it."""

    def __init__(self, executable: str):
        import websocket  # websocket-client

        self.profile = tempfile.mkdtemp(prefix="briefgen-chromium-")
        self.process = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = self._port()
        self.socket = websocket.create_connection(self._page_socket(port), timeout=60)
        self.ids = itertools.count(1)
        self.call("Page.enable")
        self.call("Runtime.enable")

    def _port(self) -> int:
        """Return the DevTools port Chromium chose (it writes it into the profile)."""
        marker = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if marker.is_file() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}")
            time.sleep(0.05)
        raise RuntimeError("chromium did not open its DevTools port in 30 s")

    @staticmethod
    def _page_socket(port: int) -> str:
        from urllib.request import urlopen

        with urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            targets = json.load(answer)
        return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")

    def call(self, method: str, **params) -> dict:
        """Send one DevTools command and return its result (events in between are dropped)."""
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def open(self, url: str, width: int, height: int = 900) -> None:
        """Load `url` in a window `width` CSS pixels wide, and wait until it has loaded."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while self.evaluate("document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not load in 30 s")
            time.sleep(0.05)
        self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, expression: str):
        """Return the value of a JavaScript expression in the page (promises awaited)."""
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("exception", {}).get("description", result))
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)
