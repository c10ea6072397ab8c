import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Forked for two classes only (forms.py, widgets.py); Oscar's get_class finds them here."""

    name = "marketplace.dashboard.catalogue"
