from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct

from marketplace.core.text import fold


class Product(AbstractProduct):
    """Oscar's product plus the seller that lists it and a diacritics-free search text."""

    seller = models.ForeignKey(
        "sellers.Seller",
        on_delete=models.PROTECT,
        related_name="products",
        null=True,
        blank=True,
        verbose_name=_("người bán"),
    )
    product_group = models.CharField(_("nhóm sản phẩm OCOP"), max_length=20, blank=True, db_index=True)
    # Best valid OCOP rating, denormalised for fast listing and filtering; kept by
    # catalogue.services.refresh_ocop_fields. Readers also check ocop_expires_on >= today,
    # so a rating that expired overnight never shows, even before the daily task runs.
    ocop_stars = models.PositiveSmallIntegerField(_("hạng sao OCOP"), null=True, blank=True, db_index=True)
    ocop_expires_on = models.DateField(_("hạn chứng nhận OCOP"), null=True, blank=True)
    weight_grams = models.PositiveIntegerField(_("khối lượng (gam)"), default=500)
    # "gạo điện biên" -> "gao dien bien": makes search accent-insensitive on any database.
    search_text = models.TextField(editable=False, blank=True)
    # The folded title alone, so search ranks title matches above description matches.
    search_title = models.TextField(editable=False, blank=True)

    def ocop_stars_on(self, day):
        """Stars shown on a day: none once the certificate has expired."""
        if self.ocop_stars and self.ocop_expires_on and self.ocop_expires_on >= day:
            return self.ocop_stars
        return None

    def is_review_permitted(self, user):
        """Only signed-in buyers who ordered this product may review it, once."""
        if not user.is_authenticated or self.has_review_by(user):
            return False
        return self.line_set.filter(order__user=user).exists()

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {strip_tags(self.description)}")
        self.search_title = fold(self.title)
        super().save(*args, **kwargs)


from oscar.apps.catalogue.models import *  # noqa: E402,F403
