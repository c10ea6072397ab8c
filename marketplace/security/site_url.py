"""The site's public address (settings.SITE_URL, from the environment) written into Django's
Site (Oscar's e-mails use its domain) and Wagtail's default Site (page URLs), on every `migrate`."""

from urllib.parse import urlsplit

from django.conf import settings


def sync_site_records(using="default", **kwargs):
    from django.contrib.sites.models import Site
    from wagtail.models import Site as WagtailSite

    address = urlsplit(settings.SITE_URL)
    host = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    domain = host if address.port is None else f"{host}:{address.port}"
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.OSCAR_SHOP_NAME}
    )
    WagtailSite.objects.using(using).filter(is_default_site=True).update(hostname=host, port=port)
