from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SellersConfig(AppConfig):
    name = "sellers"
    verbose_name = _("Người bán")

    def ready(self):
        from .register import tasks  # noqa: F401 - Celery finds only ``sellers.tasks`` by itself
