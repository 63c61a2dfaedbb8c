"""Run one command; write its wall time and the peak memory of its largest process as JSON.

Usage: python benchmarks/timed.py RESULT.json COMMAND [ARG...]

run.py starts every measured command through this small process rather than directly: on
Linux a child's peak resident set (ru_maxrss) counts the memory of the process that started
it, up to the exec, so a command started by the benchmark harness, which grows as it loads
projects, would be charged the harness's memory. The time is taken here too, around the
command alone, so this process's own start-up is not counted.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main() -> int:
    result, argv = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    proc = subprocess.Popen(argv)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    with open(result, "w") as f:
        json.dump({"seconds": seconds, "peak_kib": usage.ru_maxrss, "exit": code}, f)
    return code


if __name__ == "__main__":
    sys.exit(main())
