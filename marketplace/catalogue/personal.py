"""The product page's personal fragment: may this visitor review the product?

Registered as a hole (marketplace/core/holes.py) so the rest of the page can be cached for
everybody. Same rule as Product.is_review_permitted (bought it, not reviewed yet), asked in
one query for a signed-in visitor and none for an anonymous one.
"""

from django.db.models import Exists, OuterRef
from django.template.loader import get_template
from oscar.core.loading import get_model

from marketplace.core import holes

Product = get_model("catalogue", "Product")
Line = get_model("order", "Line")
ProductReview = get_model("reviews", "ProductReview")


@holes.register("review")
def review_action(request, pk):
    user = request.user
    product = None
    if user.is_authenticated and pk.isdigit():
        product = (
            Product.objects.filter(pk=int(pk))
            .annotate(
                bought=Exists(Line.objects.filter(product=OuterRef("pk"), order__user=user)),
                reviewed=Exists(ProductReview.objects.filter(product=OuterRef("pk"), user=user)),
            )
            .only("pk", "slug")
            .first()
        )
    can_review = product is not None and product.bought and not product.reviewed
    return get_template("oscar/catalogue/partials/review_action.html").render(
        {"product": product, "can_review": can_review}
    )
