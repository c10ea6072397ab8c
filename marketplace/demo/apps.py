from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for Chợ OCOP Điện Biên: `manage.py seed_demo`."""

    name = "marketplace.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
