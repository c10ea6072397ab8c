"""One small marketplace with a person in every role and objects owned by each, built through the
real services: the access matrix and the hostile-input tests run against it."""

import datetime
from http.cookies import SimpleCookie
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.order.status_links import status_token
from sellers import services
from tests.sellers.conftest import (
    PASSWORD,
    make_official,
    make_order,
    make_product,
    make_submitted_seller,
    make_verified_seller,
)

User = get_user_model()
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")
Notification = get_model("communication", "Notification")

COMMUNE_X, COMMUNE_Y = "Tủa Chùa", "Mường Nhé"


def _certificate(seller, name):
    today = timezone.localdate()
    return services.add_certificate(
        seller,
        product_name=name,
        stars=4,
        product_group="beverage",
        decision_number=f"{seller.pk}/QĐ-UBND",
        issued_on=today - datetime.timedelta(days=30),
        expires_on=today + datetime.timedelta(days=900),
    )


def build_world():
    from wagtail.models import Collection

    if not Collection.objects.exists():  # Wagtail's root collection (a flushed test database lacks it)
        Collection.add_root(name="Root")
    w = SimpleNamespace()
    w.official_x = make_official("canbo.x", COMMUNE_X)
    w.official_y = make_official("canbo.y", COMMUNE_Y)
    w.province = make_official("canbo.tinh")
    w.operator = User.objects.create_user(
        "vanhanh", "vanhanh@ocop.vn", PASSWORD, is_staff=True, is_superuser=True
    )
    w.village_head = User.objects.create_user("truongban", "truongban@example.vn", PASSWORD)
    services.make_village_head(w.village_head)
    w.buyer_a = User.objects.create_user("mua.a", "mua.a@example.vn", PASSWORD)
    w.buyer_b = User.objects.create_user("mua.b", "mua.b@example.vn", PASSWORD)

    w.seller_a = make_verified_seller("0912100001", w.official_x, commune_name=COMMUNE_X, name="Hộ A")
    w.seller_b = make_verified_seller("0912100002", w.official_y, commune_name=COMMUNE_Y, name="HTX B")
    w.product_a = make_product(w.seller_a, title="Chè A")
    w.product_b = make_product(w.seller_b, title="Mật ong B")
    # Files waiting for officials, one in each commune; a draft a village head is helping with.
    w.pending_x = make_submitted_seller("0912100003", commune_name=COMMUNE_X, name="Hộ chờ X")
    w.pending_y = make_submitted_seller("0912100004", commune_name=COMMUNE_Y, name="Hộ chờ Y")
    w.draft_vh = services.register(
        phone="0912100005",
        password=PASSWORD,
        commune=w.pending_x.commune,
        assisted_by=w.village_head,
    )
    w.certificate_a = _certificate(w.seller_a, "Chè A")
    w.certificate_b = _certificate(w.seller_b, "Mật ong B")
    w.link_a = services.add_external_link(w.seller_a, platform="shopee", url="https://shopee.vn/ho-a")
    w.link_b = services.add_external_link(w.seller_b, platform="shopee", url="https://shopee.vn/htx-b")

    # Buyer A's order holds both sellers' products; buyer B's only seller B's.
    w.order_a = make_order(
        "910001", (w.seller_a, w.product_a), (w.seller_b, w.product_b), email="mua.a@example.vn"
    )
    w.order_b = make_order("910002", (w.seller_b, w.product_b), email="mua.b@example.vn")
    for order, user in ((w.order_a, w.buyer_a), (w.order_b, w.buyer_b)):
        order.user = user
        order.save()
    w.part_a = w.order_a.parts.get(partner=w.seller_a.partner)
    w.part_b = w.order_a.parts.get(partner=w.seller_b.partner)
    w.line_a = w.order_a.lines.get(partner=w.seller_a.partner)
    w.status_token_a = status_token(w.order_a)
    w.address_a = UserAddress.objects.create(
        user=w.buyer_a,
        first_name="Nguyễn Thị A",
        line1="1 Trần Phú",
        line4="Hà Nội",
        country=Country.objects.get(iso_3166_1_a2="VN"),
        phone_number="+84912345678",
    )
    w.notification_a = Notification.objects.filter(recipient=w.seller_a.user).first()
    _payments(w)
    _training(w)
    w.users = {
        "anonymous": None,
        "buyer_a": w.buyer_a,
        "buyer_b": w.buyer_b,
        "seller_a": w.seller_a.user,
        "seller_b": w.seller_b.user,
        "village_head": w.village_head,
        "official_x": w.official_x,
        "official_y": w.official_y,
        "province": w.province,
        "operator": w.operator,
    }
    return w


def _payments(w):
    """Seller A's e-payment accounts (one verified by official X, one waiting for a decision), an
    order waiting for its VietQR transfer, and a transfer of the wrong amount to review."""
    from payments.services import accounts, transfers

    w.account_a = accounts.verify_by_official(
        accounts.add_bank_account(
            w.seller_a, bank_bin="970436", account_number="0011001234567", holder_name=w.seller_a.rep_name
        ),
        official=w.official_x,
    )
    w.account_a_new = accounts.add_bank_account(
        w.seller_a, bank_bin="970418", account_number="21110000123456", holder_name=w.seller_a.rep_name
    )
    w.order_pay = make_order("910003", (w.seller_a, w.product_a), email="mua.a@example.vn")
    w.payment_a = transfers.expect_payment(w.order_pay.parts.get(), w.account_a)
    w.status_token_pay = status_token(w.order_pay)
    w.transfer_a, _created = transfers.record_notification(
        transfers.Notification(
            "sepay", "matrix-1", w.account_a.account_number, w.payment_a.amount - 1000, w.payment_a.reference
        )
    )
    assert w.transfer_a.outcome == "wrong_amount"


def _training(w):
    """A published course; official X's in-person session in commune X where seller A attended
    (so seller A holds a certificate), an attendance import, and commune X's registry rows."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cms.training import services as training
    from cms.training.models import AffairsStaff, VillageHead
    from sellers.models import EthnicGroup
    from tests.training.conftest import make_course

    commune_x = w.seller_a.commune
    w.course = make_course(title="Bán hàng trên mạng")
    w.lesson = w.course.get_children().live().first().specific
    w.session_x = training.record_session(
        w.official_x,
        course=w.course,
        commune=commune_x,
        held_on=timezone.localdate(),
        place="Nhà văn hoá bản",
        trainer="Cán bộ xã",
    )
    w.completion_a, _created = training.record_attendee(w.official_x, w.session_x, phone=w.seller_a.phone)
    w.import_x = training.start_attendance_import(
        w.official_x, w.session_x, SimpleUploadedFile("ds.csv", "Họ tên,Số điện thoại\n".encode())
    )
    w.registry_head_x = training.save_registry_entry(
        w.official_x,
        VillageHead(
            name="Giàng A Páo",
            commune=commune_x,
            village="Bản Sín Chải",
            ethnic_group=EthnicGroup.objects.first(),
            sex="M",
            registered_on=timezone.localdate(),
        ),
    )
    w.registry_staff_x = training.save_registry_entry(
        w.official_x,
        AffairsStaff(
            name="Lò Thị Dung",
            unit="UBND xã",
            level=AffairsStaff.Level.COMMUNE,
            commune=commune_x,
            sex="F",
            registered_on=timezone.localdate(),
        ),
    )


class Browsers:
    """One signed-in client per role, signed in once; every request starts from that session."""

    def __init__(self, world):
        self.cookies = {}
        for role, user in world.users.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            self.cookies[role] = SimpleCookie(client.cookies.output(header="", sep="\n"))

    def client(self, role):
        client = Client(raise_request_exception=False)
        client.cookies = SimpleCookie(self.cookies[role].output(header="", sep="\n"))
        return client


def request(browsers, role, method, path, data):
    client = browsers.client(role)
    with transaction.atomic():
        response = client.get(path) if method == "GET" else client.post(path, data or {})
        transaction.set_rollback(True)
    return response
