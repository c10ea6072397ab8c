"""Read-side queries of the CMS app, for other apps (the indicators) and our own views."""

from .training.selectors import (  # noqa: F401
    registered_staff,
    registered_village_heads,
    trained_seller_ids,
    trained_staff_ids,
    trained_village_head_ids,
    village_head_commune_id,
)
