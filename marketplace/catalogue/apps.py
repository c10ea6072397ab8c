import oscar.apps.catalogue.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CatalogueConfig(apps.CatalogueConfig):
    name = "marketplace.catalogue"

    def ready(self):
        super().ready()
        from . import analytics, pagecache, personal, signals  # noqa: F401 - personal registers its hole

        analytics.connect()
        signals.connect()
        pagecache.connect()
        personal.connect()
        self.trace_view = get_class("catalogue.views", "TraceabilityView")
        self.label_view = get_class("catalogue.views", "LabelView")

    def get_urls(self):
        urls = [
            # Short, stable addresses: they are printed as QR codes on packages.
            path("trace/<int:pk>/", self.trace_view.as_view(), name="trace"),
            path("label/<int:pk>/", self.label_view.as_view(), name="label"),
        ]
        return self.post_process_urls(urls) + super().get_urls()
