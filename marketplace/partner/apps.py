import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    name = "marketplace.partner"

    def ready(self):
        super().ready()
        from . import receivers

        receivers.connect()
