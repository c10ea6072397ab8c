"""Writes for the CMS: making sure the site has its home page."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_TITLE = "Chợ OCOP Điện Biên"
HOME_INTRO = "Sản phẩm OCOP chính gốc từ bản làng Điện Biên, giao tận nhà trên cả nước."


@transaction.atomic
def ensure_home_page() -> HomePage:
    """Create the tree root, the HomePage and the default Site where missing; idempotent."""
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code="vi")
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        # Wagtail's own first migration leaves a placeholder "Welcome" page where ours belongs.
        for placeholder in root.get_children().filter(slug="home"):
            placeholder.delete()
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": HOME_TITLE},
    )
    return home
