"""Local demo: SQLite file, debug on, tasks run in-process so no worker is needed."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-change-me")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

from .base import *  # noqa: E402,F403
