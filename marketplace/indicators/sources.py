"""The other apps' read contracts the indicators count from (payments: I2, training: I4–I6).

Each returns what the owning app's selector returns, or None while that app does not yet
provide it (the indicator is then shown as "not yet measured", never as 0 %).
"""

import importlib


def _contract(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _call(module, name, as_of):
    function = _contract(module, name)
    return None if function is None else function(as_of)


def has_payments() -> bool:
    return _contract("payments.selectors", "verified_epayment_seller_ids") is not None


def has_training() -> bool:
    names = ("trained_seller_ids", "registered_village_heads", "trained_village_head_ids")
    names += ("registered_staff", "trained_staff_ids")
    return all(_contract("cms.selectors", name) is not None for name in names)


def verified_epayment_seller_ids(as_of):
    return _call("payments.selectors", "verified_epayment_seller_ids", as_of)


def trained_seller_ids(as_of):
    return _call("cms.selectors", "trained_seller_ids", as_of)


def registered_village_heads(as_of):
    return _call("cms.selectors", "registered_village_heads", as_of)


def trained_village_head_ids(as_of):
    return _call("cms.selectors", "trained_village_head_ids", as_of)


def registered_staff(as_of):
    return _call("cms.selectors", "registered_staff", as_of)


def trained_staff_ids(as_of):
    return _call("cms.selectors", "trained_staff_ids", as_of)
