"""A small hand-built province for the indicators, with dates chosen around one reporting day."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from sellers.models import (
    Commune,
    EthnicGroup,
    ExternalShopLink,
    OcopCertificate,
    OfficialProfile,
    RegisterProduct,
    RegisterRating,
    RegisterSubject,
    Seller,
)
from tests.in_process import _media, _tasks_run_in_process  # noqa: F401 - autouse fixtures

User = get_user_model()
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

DAY = date(2026, 6, 30)  # the reporting day of the hand-built data set
PASSWORD = "Mat-khau-2025"


KIND_OF = {
    Seller.EntityType.COOPERATIVE: RegisterSubject.Kind.COOPERATIVE,
    Seller.EntityType.COOP_GROUP: RegisterSubject.Kind.COOP_GROUP,
    Seller.EntityType.ENTERPRISE: RegisterSubject.Kind.ENTERPRISE,
}


def at(day: date, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def group(name):
    return EthnicGroup.objects.get(name=name)


def commune(name):
    return Commune.objects.get(name=name)


class Province:
    """Builds sellers, certificates, products and links with explicit dates."""

    def __init__(self):
        self.n = 0
        self.product_class, _ = ProductClass.objects.get_or_create(name="OCOP", slug="ocop")

    def seller(
        self,
        name,
        commune_name="Tủa Chùa",
        kind=Seller.EntityType.HOUSEHOLD,
        ethnic="H'Mông",
        sex="M",
        status=Seller.Status.VERIFIED,
        verified_on=date(2026, 1, 10),
        submitted_on=date(2026, 1, 5),
        online=True,
        decided_online=True,
    ):
        self.n += 1
        partner = Partner.objects.create(name=name, code=f"p{self.n}")
        return Seller.objects.create(
            name=name,
            slug=f"s{self.n}",
            entity_type=kind,
            commune=commune(commune_name),
            rep_name=name,
            rep_sex=sex,
            rep_ethnic_group=group(ethnic) if ethnic else None,
            status=status,
            partner=partner,
            submitted_online=online,
            decided_online=decided_online and status != Seller.Status.SUBMITTED,
            submitted_at=at(submitted_on) if submitted_on else None,
            verified_at=at(verified_on) if status == Seller.Status.VERIFIED else None,
            decided_at=at(verified_on) if status in Seller.DECIDED else None,
            created_at=at(date(2025, 12, 1)),
        )

    def certificate(self, seller, issued=date(2025, 1, 1), expires=date(2028, 1, 1), approved=True):
        """A rating on the province's register, matched to ``seller`` (DESIGN §3: the register's
        record is the seller's certificate); ``approved=False``: a certificate the seller typed
        that no official reviewed and the register does not hold."""
        if not approved:
            return OcopCertificate.objects.create(
                seller=seller,
                product_name="Chè Shan Tuyết",
                stars=3,
                product_group="beverage",
                decision_number="1/QĐ-UBND",
                issued_on=issued,
                expires_on=expires,
            )
        subject = RegisterSubject.objects.filter(seller=seller).first() or self.subject(
            seller.name,
            commune_name=seller.commune.name,
            kind=KIND_OF.get(seller.entity_type, RegisterSubject.Kind.HOUSEHOLD),
            ethnic=seller.rep_ethnic_group.name if seller.rep_ethnic_group else None,
            sex=seller.rep_sex,
            seller=seller,
            rated=None,
        )
        return self.rating(subject, decided=issued, expires=expires)

    def subject(
        self,
        name,
        commune_name="Tủa Chùa",
        kind=RegisterSubject.Kind.HOUSEHOLD,
        ethnic="H'Mông",
        sex="M",
        seller=None,
        rated=date(2025, 1, 1),
        expires=date(2028, 1, 1),
        village="Bản Sín Chải",
    ):
        """A subject of the province's register (with one rating unless ``rated`` is None)."""
        self.n += 1
        subject = RegisterSubject.objects.create(
            identity=f"ten:{self.n}",
            name=name,
            kind=kind,
            commune=commune(commune_name),
            village=village,
            rep_name=name,
            rep_sex=sex,
            rep_ethnic_group=group(ethnic) if ethnic else None,
            seller=seller,
        )
        if rated is not None:
            self.rating(subject, decided=rated, expires=expires)
        return subject

    def rating(self, subject, decided=date(2025, 1, 1), expires=date(2028, 1, 1), stars=3):
        self.n += 1
        product = RegisterProduct.objects.create(
            subject=subject, key=f"san pham {self.n}", name=f"Sản phẩm {self.n}", product_group="beverage"
        )
        return RegisterRating.objects.create(
            product=product,
            stars=stars,
            decision_number=f"{self.n}/QĐ-UBND",
            decided_on=decided,
            expires_on=expires,
        )

    def product(self, seller, created=date(2026, 2, 1), public=True, stock=10):
        self.n += 1
        product = Product.objects.create(
            title=f"Sản phẩm {self.n}", product_class=self.product_class, seller=seller, is_public=public
        )
        Product.objects.filter(pk=product.pk).update(date_created=at(created))
        StockRecord.objects.create(
            partner=seller.partner,
            product=product,
            partner_sku=f"sku{self.n}",
            price=Decimal(100000),
            num_in_stock=stock,
        )
        return product

    def link(self, seller, confirmed=date(2026, 3, 1), removed=None):
        self.n += 1
        return ExternalShopLink.objects.create(
            seller=seller,
            platform="shopee",
            url=f"https://shopee.vn/shop{self.n}",
            confirmed_at=at(confirmed) if confirmed else None,
            removed_at=at(removed) if removed else None,
        )


def make_official(username, commune_name=None):
    user = User.objects.create_user(
        username=username, email=f"{username}@ubnd.dienbien.gov.vn", password=PASSWORD
    )
    OfficialProfile.objects.create(user=user, commune=commune(commune_name) if commune_name else None)
    return user


@pytest.fixture
def province(db):
    return Province()


@pytest.fixture
def worked_example(province):
    """The data set whose figures on DAY are worked out in test_definitions.py.

    Điện Biên Phủ is made a non-EM-area ward for the test (in reality all 45 are EM areas).
    """
    Commune.objects.filter(name="Điện Biên Phủ").update(is_em_area=False)
    p = province
    s = {}
    s["A"] = p.seller("A")  # H'Mông household, valid certificate, live product
    p.certificate(s["A"])
    p.product(s["A"])
    s["B"] = p.seller("B", sex="F")  # certificate expired before DAY, live product
    p.certificate(s["B"], issued=date(2022, 1, 1), expires=date(2025, 1, 1))
    p.product(s["B"])
    s["C"] = p.seller("C", ethnic="Kinh", sex="F")  # Kinh household, sells on Shopee (confirmed)
    p.certificate(s["C"])
    p.link(s["C"])
    s["D"] = p.seller("D", commune_name="Điện Biên Phủ", kind=Seller.EntityType.COOPERATIVE, ethnic="Thái")
    p.certificate(s["D"])  # not an EM area
    p.product(s["D"])
    s["E"] = p.seller("E", ethnic="Thái")  # product and link only after DAY
    p.certificate(s["E"])
    p.product(s["E"], created=date(2026, 8, 1))
    p.link(s["E"], confirmed=date(2026, 7, 5))
    s["F"] = p.seller("F", status=Seller.Status.SUBMITTED, online=False)  # still waiting: no decision
    s["G"] = p.seller(  # enterprise rejected online
        "G",
        kind=Seller.EntityType.ENTERPRISE,
        ethnic="Kinh",
        status=Seller.Status.REJECTED,
        submitted_on=date(2026, 3, 1),
        verified_on=date(2026, 3, 6),  # the decision's date
    )
    s["H"] = p.seller("H", ethnic="Dao", sex="F", online=False)  # registered on paper; product hidden
    p.certificate(s["H"])
    p.product(s["H"], public=False)
    s["I"] = p.seller("I")  # certificate issued only after DAY
    p.certificate(s["I"], issued=date(2026, 9, 1), expires=date(2029, 9, 1))
    p.product(s["I"])
    s["J"] = p.seller("J", sex="F")  # Shopee link removed before DAY
    p.certificate(s["J"])
    p.link(s["J"], confirmed=date(2026, 2, 1), removed=date(2026, 5, 1))
    s["K"] = p.seller("K", verified_on=date(2026, 7, 15), submitted_on=date(2026, 7, 1))  # after DAY
    s["L"] = p.seller("L", ethnic="Khơ-mú")  # out of stock, unapproved certificate
    p.certificate(s["L"], approved=False)
    p.product(s["L"], stock=0)
    return s


def bank_account(seller, verified=None, disabled=None, number="0123456789"):
    from payments.models import EPaymentAccount

    return EPaymentAccount.objects.create(
        seller=seller,
        kind="bank",
        bank_bin="970418",
        account_number=number,
        holder_name=seller.rep_name.upper(),
        verified_at=at(verified) if verified else None,
        verified_via="official" if verified else "",
        disabled_at=at(disabled) if disabled else None,
    )


def completion(on, *, seller=None, village_head=None, staff=None, audience="sellers", source="online"):
    from cms.training.models import CourseCompletion

    return CourseCompletion.objects.create(
        course_title="Bán hàng trên điện thoại",
        audience=audience,
        seller=seller,
        village_head=village_head,
        staff=staff,
        learner_name="Học viên",
        completed_on=on,
        source=source,
    )


def village_head(
    name, commune_name="Tủa Chùa", ethnic="H'Mông", sex="M", registered=date(2025, 1, 1), left=None
):
    from cms.training.models import VillageHead

    return VillageHead.objects.create(
        name=name,
        commune=commune(commune_name),
        village="Bản Sín Chải",
        ethnic_group=group(ethnic),
        sex=sex,
        registered_on=registered,
        left_on=left,
    )


def staff(name, commune_name=None, sex="M", registered=date(2025, 1, 1)):
    from cms.training.models import AffairsStaff

    return AffairsStaff.objects.create(
        name=name,
        unit="Phòng Văn hoá – Xã hội" if commune_name else "Sở Dân tộc và Tôn giáo",
        level="commune" if commune_name else "province",
        commune=commune(commune_name) if commune_name else None,
        sex=sex,
        registered_on=registered,
    )


@pytest.fixture
def with_payments_and_training(worked_example):
    """Accounts (I2), completions (I4), the village-head (I5) and staff (I6) registries."""
    s = worked_example
    bank_account(s["A"], verified=date(2026, 3, 1))  # counts: active shop + verified account
    bank_account(s["E"], verified=date(2026, 3, 1))  # no live product on DAY
    bank_account(s["J"], verified=date(2026, 2, 1), disabled=date(2026, 5, 1))  # disabled before DAY
    bank_account(s["H"])  # never verified
    completion(date(2026, 3, 1), seller=s["A"])  # online
    completion(DAY, seller=s["B"], source="in_person")  # attendance recorded by an official, on DAY
    completion(date(2026, 7, 10), seller=s["C"])  # after DAY
    completion(date(2026, 3, 1), seller=s["D"])  # not in an EM area
    completion(date(2026, 3, 1), seller=s["K"])  # verified only after DAY
    heads = {
        "VH1": village_head("VH1"),
        "VH2": village_head("VH2", ethnic="Thái", sex="F"),
        "VH3": village_head("VH3", registered=date(2026, 8, 1)),
        "VH4": village_head("VH4", left=date(2026, 5, 1)),
    }
    completion(date(2026, 4, 1), village_head=heads["VH1"], audience="leaders", source="in_person")
    completion(date(2026, 8, 5), village_head=heads["VH3"], audience="leaders")
    completion(date(2026, 3, 1), village_head=heads["VH4"], audience="leaders")
    people = {"S1": staff("S1"), "S2": staff("S2", "Tủa Chùa", sex="F"), "S3": staff("S3", "Tủa Chùa")}
    completion(date(2026, 2, 1), staff=people["S1"], audience="staff")
    completion(date(2026, 2, 1), staff=people["S2"], audience="sellers")  # not a staff course
    return s | heads | people
