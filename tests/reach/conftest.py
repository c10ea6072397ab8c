"""Reach tests reuse the buyers' shop builder (verified sellers with OCOP products)."""

from tests.buyers.conftest import _vietnam_and_eager_celery, shop  # noqa: F401  (pytest fixtures)
