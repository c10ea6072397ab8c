"""The national OCOP programme's shared vocabulary (used by sellers' certificates and by products)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductGroup(models.TextChoices):
    """The six OCOP product groups."""

    FOOD = "food", _("Thực phẩm")
    BEVERAGE = "beverage", _("Đồ uống")
    HERBAL = "herbal", _("Thảo dược")
    TEXTILE = "textile", _("Vải và may mặc")
    SOUVENIR = "souvenir", _("Lưu niệm, nội thất, trang trí")
    TOURISM = "tourism", _("Dịch vụ du lịch cộng đồng và điểm du lịch")
