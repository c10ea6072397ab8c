"""Security tests reuse the sellers' and buyers' builders (real services, real PostgreSQL)."""

from tests.buyers.conftest import _vietnam_and_eager_celery, shop  # noqa: F401
from tests.sellers.conftest import _media, _tasks_run_in_process, official, two_shops  # noqa: F401
