"""Install what the tests need but pip cannot: Chromium, redis-server and the npm tools (`make test`)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent


def main():
    install_redis_server()
    install_chromium()
    install_npm_tools()


def install_redis_server():
    # The fault tests (tests/reliability/) start and stop a private redis-server of their own.
    if shutil.which("redis-server") is None and shutil.which("apt-get") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "redis-server"], check=True, env=env)


def install_chromium():
    if os.path.exists(CHROMIUM):
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit(f"{CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium).")
    print("Installing Debian's chromium for the browser tests…", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"], check=True, env=env)


# --- npm tools for the browser tests (axe-core, injected into every page they visit) ---
def install_npm_tools():
    """`npm ci` from package-lock.json when node_modules is missing or older than the lock file."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".package-lock.json"
    if stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    if shutil.which("npm") is None:
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            sys.exit("npm is missing; install Node.js and npm (apt-get install nodejs npm).")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nodejs", "npm"], check=True, env=env)
    print("Installing the npm tools for the browser tests (npm ci)…", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
