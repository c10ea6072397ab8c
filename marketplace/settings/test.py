"""Test suite: real PostgreSQL and Redis from the environment (see Makefile)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ocop")
os.environ.setdefault("SITE_URL", "http://testserver.ocop-dienbien.test")  # e-mails link here

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/ocop-test-media")  # noqa: F405
# Static files come straight from the apps' folders (no collectstatic before tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Threads in the concurrency and browser tests open their own connections; closing them after
# each request keeps the test database droppable at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
