"""`manage.py seed_demo`: realistic Điện Biên data, every state present, and idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count, Sum
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.catalogue.images import THUMBNAIL_WIDTHS, thumbnail_path
from marketplace.core.ocop import ProductGroup
from marketplace.demo import data
from sellers import selectors
from sellers.models import ExternalShopLink, OcopCertificate, OfficialProfile, Seller

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderPart = get_model("order", "OrderPart")

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def seed():
    out = StringIO()
    call_command("seed_demo", no_progress=True, stdout=out)
    return out.getvalue()


def snapshot(media):
    from cms.models import CoursePage, NewsPage

    models = [Seller, Partner, Product, StockRecord, ProductImage, OcopCertificate, ExternalShopLink, Order]
    models += [Line, OrderPart]
    from payments.models import BankTransfer, EPaymentAccount, LedgerEntry

    models += [EPaymentAccount, BankTransfer, LedgerEntry]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["users"] = get_user_model().objects.count()
    counts["pages"] = CoursePage.objects.count() + NewsPage.objects.count()
    counts["files"] = sum(1 for path in media.rglob("*") if path.is_file())
    counts["stars"] = list(Product.objects.order_by("upc").values_list("upc", "ocop_stars"))
    counts["money"] = Order.objects.aggregate(total=Sum("total_incl_tax"))["total"]
    return counts


def test_seed_demo_builds_a_realistic_marketplace_and_is_idempotent(media):
    output = seed()
    today = timezone.localdate()

    # Sellers: ~40, every verification state, every entity type, several ethnic groups.
    assert Seller.objects.count() >= 40
    assert set(Seller.objects.values_list("status", flat=True)) == set(Seller.Status.values)
    assert set(Seller.objects.values_list("entity_type", flat=True)) == set(Seller.EntityType.values)
    ethnic = set(Seller.objects.values_list("rep_ethnic_group__name", flat=True))
    assert len(ethnic) >= 3 and {"H'Mông", "Thái", "Kinh"} <= ethnic
    assert set(Seller.objects.values_list("rep_sex", flat=True)) == {"F", "M"}
    assert Seller.objects.values("commune").distinct().count() >= 20
    # Built through the real services: only verified sellers have a shop (an Oscar partner).
    with_partner = Seller.objects.filter(partner__isnull=False)
    assert with_partner.exists() and not with_partner.exclude(status=Seller.Status.VERIFIED).exists()
    # Some sellers also sell elsewhere (indicator I1): confirmed links and a few awaiting officials.
    assert selectors.sellers_with_confirmed_external_listing().count() >= 5
    assert ExternalShopLink.objects.pending_review().exists()
    # Most representatives show their ethnic group to buyers; some chose not to.
    assert {True, False} == set(Seller.objects.values_list("publish_ethnic_group", flat=True))

    # Products: ~200 across the six OCOP groups, whole-đồng prices, stock (some sold out), photos.
    assert Product.objects.count() >= 170
    assert set(Product.objects.values_list("product_group", flat=True)) == set(ProductGroup.values)
    prices = list(StockRecord.objects.values_list("price", flat=True))
    assert all(p == int(p) and 35_000 <= p <= 1_500_000 for p in prices)
    assert StockRecord.objects.filter(num_in_stock=0).exists()
    assert StockRecord.objects.filter(num_in_stock__gt=0).count() > 150
    assert ProductImage.objects.count() == Product.objects.count()
    image = ProductImage.objects.first()
    assert default_storage.exists(image.original.name)
    assert all(default_storage.exists(thumbnail_path(image.original.name, w)) for w in THUMBNAIL_WIDTHS)

    # Certificates: 3–5★, 5★ national, some expired — and their products show no stars.
    certificates = OcopCertificate.objects.all()
    assert set(certificates.values_list("stars", flat=True)) == {3, 4, 5}
    assert all(c.level == "national" for c in certificates.filter(stars=5))
    expired = certificates.filter(expires_on__lt=today)
    assert expired.exists()
    only_expired = Product.objects.filter(ocop_certificates__in=expired).exclude(
        ocop_certificates__in=certificates.valid(today)
    )
    assert only_expired.exists()
    assert not only_expired.filter(ocop_stars__isnull=False).exists()
    for product in Product.objects.filter(ocop_certificates__in=certificates.valid(today)).distinct()[:20]:
        assert product.ocop_stars == max(c.stars for c in product.ocop_certificates.valid(today))
        assert product.ocop_expires_on >= today

    # Orders over the past year, split into one part per seller, totals adding up.
    orders = Order.objects.annotate(
        n_parts=Count("parts", distinct=True), n_sellers=Count("lines__partner", distinct=True)
    )
    assert orders.count() >= 100
    assert all(o.n_parts == o.n_sellers >= 1 for o in orders)
    assert orders.filter(n_parts__gte=2).exists()
    assert orders.filter(user__email="buyer@ocop.test").exists()
    assert orders.filter(user__isnull=True).exclude(guest_email="").exists()
    for order in orders[:30]:
        parts = list(order.parts.all())
        assert order.total_incl_tax == sum(p.items_total + p.shipping_charge for p in parts)
        assert order.shipping_incl_tax == sum(p.shipping_charge for p in parts)
    assert {"confirmed", "packed", "shipped", "delivered"} <= set(
        OrderPart.objects.values_list("status", flat=True)
    )
    oldest = Order.objects.order_by("date_placed").first().date_placed
    assert (timezone.now() - oldest).days <= 366
    assert OrderPart.objects.filter(partner__seller__slug=data.DEMO_SELLER_SLUG).exists()

    # Training and news pages under the home page.
    from cms.models import CoursePage, NewsPage

    assert CoursePage.objects.live().count() >= 3
    assert NewsPage.objects.live().count() == 2

    # Five logins, each able to do its job.
    for _role, email, *_ in data.LOGINS:
        assert authenticate(None, username=email, password=data.DEMO_PASSWORD) is not None, email
        assert email in output
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@ocop.test")}
    seller = Seller.objects.get(slug=data.DEMO_SELLER_SLUG)
    assert seller.status == Seller.Status.VERIFIED and seller.entity_type == Seller.EntityType.HOUSEHOLD
    assert users["seller@ocop.test"] in seller.partner.users.all()
    assert users["seller@ocop.test"].has_perm("partner.dashboard_access")
    assert OfficialProfile.objects.get(user=users["commune@ocop.test"]).commune == seller.commune
    assert OfficialProfile.objects.get(user=users["province@ocop.test"]).commune is None
    assert users["operator@ocop.test"].is_staff and users["operator@ocop.test"].is_superuser
    assert "http://127.0.0.1:8000" in output
    _payments_are_seeded(seller)

    # Running it again changes nothing.
    before = snapshot(media)
    seed()
    assert snapshot(media) == before


def _payments_are_seeded(demo_seller):
    """Accounts (verified bank, e-wallet, waiting, none), orders paid by each method, a review queue."""
    from payments.models import BankTransfer, EPaymentAccount, LedgerEntry, VietQRPayment

    verified = Seller.objects.filter(status=Seller.Status.VERIFIED)
    accounts = EPaymentAccount.objects.filter(seller__in=verified)
    assert accounts.verified().banks().exists() and accounts.filter(kind="ewallet").exists()
    assert accounts.filter(verified_at__isnull=True).exists()
    assert verified.exclude(epayment_accounts__isnull=False).exists()  # some have none: nudged
    assert accounts.verified().banks().filter(seller=demo_seller).exists()
    assert {"paid", "pending"} <= set(VietQRPayment.objects.values_list("status", flat=True))
    assert BankTransfer.objects.needs_review().count() >= 2
    methods = set(LedgerEntry.objects.filter(seller=demo_seller).values_list("method", flat=True))
    assert {"cod", "vietqr", "card"} <= methods
    assert LedgerEntry.objects.filter(kind="payout").exists()
