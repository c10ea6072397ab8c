from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrderPart(models.Model):
    """One seller's share of a buyer's order: fulfilled, shipped and paid on its own."""

    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("Chờ thanh toán")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        PACKED = "packed", _("Đã đóng gói")
        SHIPPED = "shipped", _("Đang giao")
        DELIVERED = "delivered", _("Đã giao")
        CANCELLED = "cancelled", _("Đã huỷ")

    class PaymentState(models.TextChoices):
        UNPAID = "unpaid", _("Chưa thanh toán")
        PAID = "paid", _("Đã thanh toán")
        REFUNDED = "refunded", _("Đã hoàn tiền")

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="parts")
    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="order_parts")
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    payment_state = models.CharField(
        _("thanh toán"), max_length=10, choices=PaymentState.choices, default=PaymentState.UNPAID
    )
    items_total = models.DecimalField(_("tiền hàng"), max_digits=14, decimal_places=0, default=0)
    shipping_charge = models.DecimalField(_("phí vận chuyển"), max_digits=14, decimal_places=0, default=0)
    carrier = models.CharField(_("đơn vị vận chuyển"), max_length=60, blank=True)
    tracking_code = models.CharField(_("mã vận đơn"), max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        unique_together = [("order", "partner")]
        verbose_name = _("phần đơn hàng")
        verbose_name_plural = _("phần đơn hàng")

    def __str__(self):
        return f"{self.order.number}/{self.partner_id}"

    @property
    def total(self):
        return self.items_total + self.shipping_charge


from oscar.apps.order.models import *  # noqa: E402,F403
