"""`briefgen watch` in a subprocess: a save rebuilds, a problem is reported and the watch goes on."""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

from clients import pdftotext


class Watch:
    def __init__(self, *argv: str):
        self.process = subprocess.Popen([sys.executable, "-m", "briefgen", "watch", *argv],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def next_line(self, start: int, text: str, timeout: float = 30) -> int:
        """Return the index of the first line from `start` holding `text`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(start, len(self.lines)):
                if text in self.lines[index]:
                    return index
            time.sleep(0.02)
        raise AssertionError(f"no line with {text!r} in:\n" + "\n".join(self.lines))


def test_watch_rebuilds_after_a_save_and_survives_a_problem(project, tmp_path):
    p = project()
    out = tmp_path / "out"
    watch = Watch("-p", str(p.root), "--out", str(out), "-a", "public", "-f", "pdf")
    try:
        at = watch.next_line(0, "watching content, templates in ")
        assert watch.lines[at - 1].startswith("rebuilt public.pdf in ")
        p.edit("templates/audiences/public.yaml", "heading: Evidence}", "heading: The evidence as edited}")
        at = watch.next_line(at, "rebuilt public.pdf in ")
        assert "The evidence as edited" in pdftotext(out / "public" / "public.pdf")
        p.edit("content/findings.yaml", "source: src-a", "source: nowhere")
        at = watch.next_line(at, "Error: 1 problem in the content:")
        assert watch.lines[at + 1] == ("  content/findings.yaml:7: finding 'finding-one', field 'source': "
                                       "unknown source 'nowhere' (known: src-a)")
        assert watch.process.poll() is None
        p.edit("content/findings.yaml", "source: nowhere", "source: src-a")
        at = watch.next_line(at, "up to date (1 file)")  # back to what was last built
        watch.process.send_signal(signal.SIGINT)  # Ctrl-C
        assert watch.process.wait(20) == 0
        watch.next_line(at, "stopped watching")
    finally:
        if watch.process.poll() is None:
            watch.process.kill()
