from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_for_several_writers(sender, connection, **kwargs):
    """The embedded demo database: readers never wait for the writer (WAL), and a write-ahead
    log synced at checkpoints is safe enough for a demo and much faster."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"
    verbose_name = "Marketplace core"

    def ready(self):
        connection_created.connect(_sqlite_for_several_writers, dispatch_uid="sqlite-wal")
