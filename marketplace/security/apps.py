from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SecurityConfig(AppConfig):
    """Cross-cutting protections (docs/security.md): request guards, login throttling, CSP, and
    the site's public address kept in step with settings. No models; imports no app of ours."""

    name = "marketplace.security"
    label = "security"
    verbose_name = "Security"

    def ready(self):
        from django.apps import apps

        from .site_url import sync_site_records

        # Sent once per app with models after `migrate`; Wagtail's (the later of the two Site
        # tables' apps) is where both exist. This app has no models, so it gets no signal itself.
        wagtail = apps.get_app_config("wagtailcore")
        post_migrate.connect(sync_site_records, sender=wagtail, dispatch_uid="security-site-url")
