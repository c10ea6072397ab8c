"""Autouse fixtures that test folders share by importing them into their conftest.py."""

import pytest

from marketplace.celery import app as celery_app


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request):
    """Without a worker, tasks run where they are queued (real code, no broker round trip).

    Tests that start a real worker (celery_worker_process) keep the broker.
    """
    if "celery_worker_process" in request.fixturenames:
        yield
        return
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _media(settings, tmp_path, monkeypatch):
    """Uploads land in a fresh folder; a Celery worker started by the test writes there too."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setenv("MEDIA_ROOT", settings.MEDIA_ROOT)
