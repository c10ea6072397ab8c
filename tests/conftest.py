"""Shared fixtures: a real Celery worker, headless Chromium at phone size, and test data helpers."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.reliability.processes import stop_process

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# there unless told that this (single-threaded test) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "screenshots"


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """A real `celery worker` process using the test database and the Redis broker.

    It listens on a queue of its own, so a stray worker left by another run (or another
    checkout on this machine) can never take this test's tasks.
    """
    from celery._state import _set_task_join_will_block
    from django.db import connection

    from marketplace.celery import app

    # Celery's "a join would block" flag is a process global that eager tasks run from several
    # threads at once (the concurrency tests) can leave set; this test process is no worker.
    _set_task_join_will_block(False)
    name = f"test-{uuid.uuid4().hex[:12]}"
    db = connection.settings_dict
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="marketplace.settings.test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    command = [sys.executable, "-m", "celery", "-A", "marketplace", "worker", "--pool=solo", "-c", "1"]
    command += ["-Q", name, "-n", f"{name}@%h", "-l", "WARNING"]
    worker = subprocess.Popen(command, cwd=ROOT, env=env)
    default_queue = app.conf.task_default_queue
    app.conf.task_default_queue = name
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            replies = app.control.ping(timeout=0.5)
            if any(name in host for reply in replies for host in reply):
                break
        else:
            pytest.fail("Celery worker did not start within 30 s")
        yield worker
    finally:
        app.conf.task_default_queue = default_queue
        stop_process(worker, grace=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class PhonePage:
    """A 360 px wide page that records server errors and failed static files as it browses.

    Each page reached by `goto` or saved by `screenshot` is also checked (tests/page_checks.py):
    axe-core finds no serious or critical accessibility violation, and a storefront page has no
    sideways scroll and, in Vietnamese, none of Oscar's, Django's or Wagtail's English messages.
    """

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.problems = []
        self.page_errors = []  # uncaught JavaScript errors; tests that care assert it is empty
        # Console messages: Chromium reports Content-Security-Policy violations there (security).
        self.console = []
        page.on("console", lambda message: self.console.append(message.text))
        self._checked = set()  # pages (url + size of their HTML) already checked
        page.on("response", self._check_response)
        page.on("console", _record_form_submission)
        page.add_init_script(SUBMIT_RECORDER)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    # --- accessibility, width and language, on every page ---
    def check_page(self):
        """Fail now if this page has serious a11y violations, scrolls sideways or shows English."""
        from tests.page_checks import axe_violations, storefront_problems

        self.page.wait_for_load_state()
        if self.page.evaluate("document.contentType") != "text/html":
            return  # JSON, a PDF or an image opened in the tab: nothing to check
        key = self.page.evaluate("location.href + ' ' + document.documentElement.outerHTML.length")
        if key in self._checked:
            return
        self._checked.add(key)
        problems = storefront_problems(self.page) + axe_violations(self.page)
        assert not problems, f"{self.page.url}:\n" + "\n".join(problems)

    def _check_response(self, response):
        missing_file = "/static/" in response.url or response.url.endswith("/favicon.ico")
        if response.status >= 500 or (response.status == 404 and missing_file):
            self.problems.append(f"{response.status} {response.url}")

    def goto(self, path, check=True):
        response = self.page.goto(self.base_url + path)
        if check:
            self.check_page()
        return response

    def screenshot(self, name, check=True):
        if check:
            self.check_page()
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# Every form a person submits in a browser test is written to the console by the page itself
# (a real submit event, from its visible control) and collected for the forms inventory
# (tests/reach/test_forms_inventory.py).
SUBMIT_RECORDER = """document.addEventListener("submit", function (event) {
    var form = event.target, key = form.dataset.form || form.id;
    if (!key) {
        var action = new URL(form.getAttribute("action") || location.href, location.href).pathname;
        key = "action:" + action.replace(/\\/\\d+(?=\\/)/g, "/N");
    }
    console.log("form-submitted " + key);
}, true);"""
SUBMITTED_FORMS = set()
WHOLE_SUITE = pytest.StashKey[bool]()


def pytest_collection_modifyitems(session, config, items):
    """Tests marked run_last (the forms inventory) go after every browser test; whether this
    run is the whole suite (nothing deselected, no path or -k given) is noted for them."""
    items.sort(key=lambda item: item.get_closest_marker("run_last") is not None)
    narrowed = config.option.keyword or config.option.markexpr or config.option.deselect
    config.stash[WHOLE_SUITE] = config.args_source == pytest.Config.ArgsSource.TESTPATHS and not narrowed


def _record_form_submission(message):
    if message.text.startswith("form-submitted "):
        SUBMITTED_FORMS.add(message.text.split(" ", 1)[1])


@pytest.fixture
def phone(browser, live_server):
    # English browser locale on purpose: the site must still answer in Vietnamese first.
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    phone_page = PhonePage(page, live_server.url)
    yield phone_page
    context.close()
    assert phone_page.problems == [], f"server errors or missing static files: {phone_page.problems}"
    # Every page a browser test opens keeps to the Content-Security-Policy (docs/security.md).
    csp = [m for m in phone_page.console if "Content Security Policy" in m]
    assert csp == [], f"Content-Security-Policy violations: {csp}"


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """A request with the English cookie leaves English active in this thread; the next test
    (and the services it calls outside a request) starts in Vietnamese, as the site does."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Tests with a database always find the communes, ethnic groups and the CMS home page.

    They come from migrations, but a transactional test (live server, Celery worker) empties
    every table when it ends, so they are put back for whoever comes next.
    """
    db_fixtures = {"db", "transactional_db", "live_server", "client", "admin_client", "django_user_model"}
    if not (request.node.get_closest_marker("django_db") or db_fixtures & set(request.fixturenames)):
        return
    request.getfixturevalue("_django_db_helper")
    from django.core.cache import cache

    from cms.services import ensure_home_page

    cache.clear()  # nothing cached from a previous test's (now emptied) database
    from sellers.models import Commune, EthnicGroup
    from sellers.reference import load_reference_data

    if Commune.objects.count() < 45:
        load_reference_data(EthnicGroup, Commune)
    ensure_home_page()
