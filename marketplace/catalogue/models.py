from django.db import models
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
    weight_grams = models.PositiveIntegerField(_("khối lượng (gam)"), default=500)
    # "gạo điện biên" -> "gao dien bien": makes search accent-insensitive on any database.
    search_text = models.TextField(editable=False, blank=True)

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.description}")
        super().save(*args, **kwargs)


from oscar.apps.catalogue.models import *  # noqa: E402,F403
