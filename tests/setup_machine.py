"""Install what the tests need but pip cannot: Debian's Chromium and redis-server (run by `make test`)."""

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main():
    # The fault tests (tests/reliability/) start and stop a private redis-server of their own.
    if shutil.which("redis-server") is None and shutil.which("apt-get") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "redis-server"], check=True, env=env)
    if os.path.exists(CHROMIUM):
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit(f"{CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium).")
    print("Installing Debian's chromium for the browser tests…", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"], check=True, env=env)


if __name__ == "__main__":
    main()
