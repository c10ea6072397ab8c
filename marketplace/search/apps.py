import oscar.apps.search.apps as apps
from oscar.core.loading import get_class


class SearchConfig(apps.SearchConfig):
    """search:search is the database-backed catalogue view (no haystack)."""

    name = "marketplace.search"

    def ready(self):
        self.search_view = get_class("catalogue.views", "CatalogueView")
