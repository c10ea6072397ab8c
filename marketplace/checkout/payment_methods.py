"""The payment methods offered at checkout, loaded from settings.PAYMENT_METHODS.

The methods themselves live in the payments app (payments/methods/); the shop only knows their
interface (payments/methods/base.py) and finds them through the setting, so it never imports
payments. A method may raise Oscar's RedirectRequired or UnableToTakePayment from take_payment,
which the checkout already handles.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def _load(paths: tuple) -> dict:
    return {method.code: method for method in (import_string(path)() for path in paths)}


def methods() -> dict:
    return _load(tuple(settings.PAYMENT_METHODS))


def method_choices(basket):
    return [(m.code, m.label) for m in methods().values() if m.is_available(basket)]


def unavailable_methods(basket):
    """(label, reason) of each method the buyer cannot use for this basket, to say why."""
    found = []
    for method in methods().values():
        ok, reason = method.availability(basket)
        if not ok and reason:
            found.append((method.label, reason))
    return found


def get_method(code):
    return methods().get(code)


def method_for_provider(provider):
    """The method whose webhooks come from this provider (sepay, casso, stripe…), or None."""
    for method in methods().values():
        if provider in method.notification_providers:
            return method
    return None
