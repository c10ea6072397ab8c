"""Install what the tests need but pip cannot (run by `make test`): Debian's Chromium for the
browser tests, redis-server for the fault tests, and zbar-tools (`zbarimg`) to read back the
VietQR codes the payments tests render."""

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"
NEEDED = {
    # command or path that must exist: Debian packages that provide it
    CHROMIUM: ["chromium", "chromium-driver"],
    # The fault tests (tests/reliability/) start and stop a private redis-server of their own.
    "redis-server": ["redis-server"],
    "zbarimg": ["zbar-tools"],
}


def _present(name):
    return os.path.exists(name) if name.startswith("/") else shutil.which(name) is not None


def main():
    missing = [pkg for name, pkgs in NEEDED.items() if not _present(name) for pkg in pkgs]
    if not missing:
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit(f"Missing Debian packages for the tests: {' '.join(missing)} (apt-get install them).")
    print(f"Installing Debian packages for the tests: {' '.join(missing)}…", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)


if __name__ == "__main__":
    main()
