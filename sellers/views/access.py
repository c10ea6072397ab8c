"""Who may open which page: resolved on the server from the logged-in user, never from the URL alone."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Seller
from ..selectors import seller_for_user
from ..services import can_assist


def official_required(view):
    @login_required(login_url="sellers:login")
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not hasattr(request.user, "official_profile"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def shop_required(view):
    """The user's own verified shop, passed to the view as ``seller``."""

    @login_required(login_url="sellers:login")
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seller = seller_for_user(request.user)
        if seller is None or not seller.has_open_shop:
            raise PermissionDenied
        return view(request, seller, *args, **kwargs)

    return wrapper


def seller_being_registered(request, seller_pk=None):
    """The draft the wizard edits: one's own, or a household one is assisting."""
    if seller_pk is None:
        seller = seller_for_user(request.user)
        if seller is None:
            raise Http404
        return seller
    if not can_assist(request.user):
        raise PermissionDenied
    return get_object_or_404(Seller, pk=seller_pk, assisted_by=request.user)


def posted(request):
    """Bound-form data on POST even when empty (an empty POST must show 'required' errors)."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None
