from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """Officials' reporting on the 2026–2030 targets (I1–I7). Reads every app; nobody imports it."""

    name = "marketplace.indicators"
    label = "indicators"
    verbose_name = _("Chỉ tiêu 2026–2030")

    def ready(self):
        from marketplace.core import figures

        from .tasks import on_records_changed

        figures.changed.connect(on_records_changed, dispatch_uid="indicators-refresh")
