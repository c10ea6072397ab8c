"""Settings for the benchmark server: production-like (DEBUG off), on the bench database.

Differences from production, all deliberate: no TLS redirects or secure cookies (plain HTTP
on loopback), static files straight from the finders (no collectstatic), media served by
Django (the Lighthouse run needs the demo photos), and a second template engine that sees
only stock Oscar's templates so /bench/oscar-list/ renders Oscar's own listing, not our
overrides. The cache is Redis, as in production (REDIS_URL, keys prefixed "bench"): the
page cache and its catalogue version are shared by both gunicorn workers.
"""

import os
from pathlib import Path

import oscar

os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ocop_bench")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from marketplace.settings.base import *  # noqa: E402,F403
from marketplace.settings.base import TEMPLATES  # noqa: E402
from marketplace.settings.redis_cache import redis_cache  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "benchmarks.urls"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/tmp/ocop-bench-media")
CACHES = {"default": {**redis_cache(REDIS_URL), "KEY_PREFIX": "bench"}}  # noqa: F405 - production's
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # as production.py says

OSCAR_TEMPLATES = Path(oscar.__file__).parent / "templates"
TEMPLATES = [
    *TEMPLATES,
    {
        "NAME": "oscar_stock",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates", OSCAR_TEMPLATES],
        "APP_DIRS": False,
        "OPTIONS": {"context_processors": TEMPLATES[0]["OPTIONS"]["context_processors"]},
    },
]
