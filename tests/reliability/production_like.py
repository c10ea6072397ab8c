"""Production settings as the fault tests run them under gunicorn and Celery.

Only what a test machine lacks is changed: static files come straight from the apps (no
collectstatic), passwords hash fast, mail and SMS go to files the test reads, and a message
held by a killed worker is redelivered after seconds instead of minutes. The cache, sessions,
broker, outbox and (when AWS_* are set) S3 media are production's own.
"""

from marketplace.settings.production import *  # noqa: F403
from marketplace.settings.production import STORAGES, env

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
SMS_BACKEND = "tests.reliability.backends.FileSms"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
