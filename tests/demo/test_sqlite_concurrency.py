"""The embedded SQLite database of `make demo` holds a small office signing in at once.

The demo's own settings (marketplace.settings.dev) and server (runserver, threaded) on a SQLite
file; sixteen people press "Đăng nhập" at the same instant. Each sign-in writes (session,
last_login), so SQLite's single writer is what is tested: every one must get in, none a 500.
The tables are created straight from the models (`migrate --run-syncdb` without migration
files) because the schema, not the migration history, is what matters here — and it takes
seconds instead of a minute.
"""

import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.reliability.processes import free_port, stop_process

PEOPLE = 16
PASSWORD = "ocop-demo-2026"
SETTINGS = """
from marketplace.settings.dev import *  # noqa: F403


class _NoMigrationFiles(dict):
    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


MIGRATION_MODULES = _NoMigrationFiles()
"""
MAKE_PEOPLE = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
User = get_user_model()
digest = make_password({PASSWORD!r})
User.objects.bulk_create(
    User(username=f"nguoi{{i}}@ocop.test", email=f"nguoi{{i}}@ocop.test", password=digest)
    for i in range({PEOPLE})
)
"""


@pytest.fixture
def demo_server(tmp_path):
    (tmp_path / "sqlite_demo_settings.py").write_text(SETTINGS)
    env = dict(
        os.environ,
        PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}",
        DJANGO_SETTINGS_MODULE="sqlite_demo_settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--run-syncdb", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "shell", "-c", MAKE_PEOPLE], env=env, check=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=5)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    else:
        stop_process(server)
        pytest.fail("the demo server did not start: " + server.stderr.read()[-2000:])
    yield base
    stop_process(server)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sign_in(base, number, start, results):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    html = opener.open(base + "/accounts/login/", timeout=90).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "login-username": f"nguoi{number}@ocop.test",
            "login-password": PASSWORD,
            "login_submit": "Log In",
        }
    ).encode()
    request = urllib.request.Request(base + "/accounts/login/", data=body, headers={"Referer": base + "/"})
    start.wait()
    try:
        results[number] = opener.open(request, timeout=60).status
    except urllib.error.HTTPError as answer:
        results[number] = answer.code


def test_sixteen_people_sign_in_at_once_on_the_demo_database(demo_server):
    start = threading.Event()
    results = {}
    threads = [
        threading.Thread(target=_sign_in, args=(demo_server, n, start, results)) for n in range(PEOPLE)
    ]
    for thread in threads:
        thread.start()
    time.sleep(1)  # every thread has its form and waits at the start line
    start.set()
    for thread in threads:
        thread.join(90)
    assert sorted(results.values()) == [302] * PEOPLE, results
