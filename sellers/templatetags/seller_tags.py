"""Template helpers that read sellers (the header's link to the signed-in user's workspace)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from sellers.selectors import seller_for_user
from sellers.services import can_assist

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_link(context):
    """Where a signed-in user does their work: officials verify, sellers sell, village heads assist.

    Anonymous visitors get nothing here (the footer invites them to sell); a signed-in user
    costs at most three small queries (official profile, seller, village-head group).
    """
    user = context["request"].user
    if not user.is_authenticated:
        return None
    if hasattr(user, "official_profile"):
        return {"title": _("Xác minh"), "url": reverse("officials:queue")}
    if seller_for_user(user) is not None:
        return {"title": _("Bán hàng"), "url": reverse("sellers:home")}
    if can_assist(user):
        return {"title": _("Hỗ trợ đăng ký"), "url": reverse("sellers:assist")}
    return None
