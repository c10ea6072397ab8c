"""Load generator for `make bench`: wrk (C, event loop), not Python threads.

A thread-based generator in Python took much of the CPU it was measuring on a 2-core
machine; wrk drives 8 connections from one thread for a few per cent of one core.
Mixed URL lists go round-robin through benchmarks/wrk_paths.lua, which prints one JSON line.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LUA = Path(__file__).resolve().parent / "wrk_paths.lua"


def ensure_wrk():
    """wrk is a Debian package; install it when missing (the bench runs as root on our machines)."""
    if shutil.which("wrk"):
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit("wrk is missing: install Debian's `wrk` package (apt-get install wrk).")
    print("Installing Debian's wrk for the load generator…", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)


def load(port, paths, seconds, concurrency, headers=None):
    """req/s and latency percentiles (ms) of GETs of `paths` at `concurrency` connections."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
        path_file = f.name
    cmd = ["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "--timeout", "30s"]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    cmd += ["-s", str(LUA), f"http://127.0.0.1:{port}", "--", path_file]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path_file)
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    r = json.loads(line.removeprefix("WRKJSON "))
    seconds = r["duration_us"] / 1e6
    return {
        "n": r["requests"],
        "rps": r["requests"] / seconds if seconds else 0.0,
        "p50": r["p50_us"] / 1000,
        "p95": r["p95_us"] / 1000,
        "mean": r["mean_us"] / 1000,
        "errors": r["errors"],
    }
