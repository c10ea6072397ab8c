"""Install what the tests need but pip cannot (run by `make test`): Debian's Chromium for the
browser tests, redis-server for the fault tests, and zbar-tools (`zbarimg`) to read back the
VietQR codes the payments tests render; then the npm tools (axe-core) from package-lock.json."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
NEEDED = {
    # command or path that must exist: Debian packages that provide it
    CHROMIUM: ["chromium", "chromium-driver"],
    # The fault tests (tests/reliability/) start and stop a private redis-server of their own.
    "redis-server": ["redis-server"],
    "npm": ["nodejs", "npm"],  # installs axe-core for the browser tests' page checks
    "zbarimg": ["zbar-tools"],
}


def _present(name):
    return os.path.exists(name) if name.startswith("/") else shutil.which(name) is not None


def main():
    install_debian_packages()
    install_npm_tools()


def install_debian_packages():
    missing = [pkg for name, pkgs in NEEDED.items() if not _present(name) for pkg in pkgs]
    if not missing:
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit(f"Missing Debian packages for the tests: {' '.join(missing)} (apt-get install them).")
    print(f"Installing Debian packages for the tests: {' '.join(missing)}…", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)


# --- npm tools for the browser tests (axe-core, injected into every page they visit) ---
def install_npm_tools():
    """`npm ci` from package-lock.json when node_modules is missing or older than the lock file."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".package-lock.json"
    if stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    print("Installing the npm tools for the browser tests (npm ci)…", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
