"""Reliability tests: the outbox, idempotent tasks, and outages of Redis and the broker."""

import pytest

from marketplace.celery import app as celery_app
from marketplace.core import outbox

from .processes import free_port


@pytest.fixture
def eager_tasks():
    """Tasks run in this process when sent (the broker is 'back', without a worker)."""
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


@pytest.fixture
def broker_down(monkeypatch):
    """The broker refuses connections (a real refused TCP connection, not a patched function)."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager, conf.task_eager_propagates
    monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery reads this before its own setting
    monkeypatch.setattr(outbox, "_broker_down_until", 0.0)
    conf.broker_url, conf.task_always_eager = url, False
    yield
    conf.broker_url, conf.task_always_eager, conf.task_eager_propagates = saved
