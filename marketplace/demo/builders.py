"""Builders for the demo data: each `ensure_*` creates what is missing and leaves the rest.

Everything random comes from `random.Random` seeded per stage, and every relative date is
counted from today's date (not the clock), so two runs on the same day give identical rows.
Stable keys: usernames, seller slugs, product UPCs, image codes, page slugs, order numbers.
"""

from __future__ import annotations

import calendar
import io
import random
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model
from PIL import Image, ImageDraw, ImageFont

from marketplace.catalogue.images import THUMBNAIL_WIDTHS, thumbnail_path, write_thumbnails
from marketplace.core.ocop import ProductGroup
from marketplace.core.text import fold
from sellers import scope as seller_scope
from sellers import services as seller_services
from sellers.models import (
    Commune,
    EthnicGroup,
    ExternalShopLink,
    OcopCertificate,
    OfficialProfile,
    Seller,
)

from . import data
from .payments import seed_payments
from .privacy import publishes_ethnic_group, without_ethnic_group

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
OrderPart = get_model("order", "OrderPart")
SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")

MOBILE_PREFIXES = ["912", "983", "968", "347", "869", "886"]
# The official's decision that leaves a seller in each decided status.
DECISIONS = {
    Seller.Status.VERIFIED: "approve",
    Seller.Status.CHANGES_REQUESTED: "request_changes",
    Seller.Status.REJECTED: "reject",
}
REVIEW_NOTES = {
    "changes_requested": "Ảnh giấy chứng nhận OCOP bị mờ, đề nghị chụp lại rõ số quyết định.",
    "rejected": "Hộ đã đăng ký một cơ sở khác với cùng số CCCD.",
}
IMAGE_SIZE = (800, 800)  # the site shows photos square (object-fit: cover)
FONT_PATHS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
]


def _noop(*args, **kwargs):
    pass


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stage_rng(seed: int, stage: str) -> random.Random:
    """One generator per stage, so adding data to one stage never reshuffles another."""
    return random.Random(f"{seed}:{stage}")


# --------------------------------------------------------------------------- plan


@dataclass
class ProductPlan:
    upc: str
    seller_slug: str
    line_key: str
    group: str
    title: str
    short: str
    variant: str
    description: str
    price: int
    grams: int
    num_in_stock: int
    age_days: int


@dataclass
class Plan:
    """What the demo contains, computed from the data tables alone (no database)."""

    seed: int
    sellers: list = field(default_factory=list)
    products: list = field(default_factory=list)
    n_orders: int = 140

    @classmethod
    def build(cls, seed=2026, small=False):
        plan = cls(seed=seed)
        rows = data.SELLERS
        if small:
            rows = [row for i, row in enumerate(rows) if i % 3 == 0 or row[0] == data.DEMO_SELLER_SLUG]
            plan.n_orders = 30
        plan.sellers = rows
        rng = stage_rng(seed, "products")
        for seller_no, row in enumerate(data.SELLERS, start=1):
            if row not in rows or row[9] != Seller.Status.VERIFIED:
                continue  # only a verified seller has a shop to post products in
            slug, commune = row[0], row[3]
            for line_no, key in enumerate(row[10], start=1):
                line = data.PRODUCT_LINES[key]
                if not publishes_ethnic_group(slug):  # titles must not name the group either
                    line = {k: _neutral(v, row[7]) for k, v in line.items()}
                for variant_no, (label, price, grams) in enumerate(line["variants"], start=1):
                    title = line["title"].format(xa=commune)
                    tourism = line["group"] == ProductGroup.TOURISM
                    out_of_stock = rng.random() < 0.08
                    stock = 0 if out_of_stock else rng.randint(8, 30) if tourism else rng.randint(5, 150)
                    plan.products.append(
                        ProductPlan(
                            upc=f"DB{seller_no:03d}-{line_no:02d}-{variant_no}",
                            seller_slug=slug,
                            line_key=key,
                            group=line["group"],
                            title=f"{title} – {label}",
                            short=line["short"],
                            variant=label,
                            description=line["description"],
                            price=price,
                            grams=grams,
                            num_in_stock=stock,
                            age_days=rng.randint(5, 400),
                        )
                    )
        return plan

    @property
    def size(self):
        return (
            5
            + len(self.sellers)
            + len([s for s in self.sellers if s[9] == "verified"][::3])  # external shop links
            + 2 * len(self.products)
            + 2
            + len(data.COURSES)
            + len(data.NEWS)
            + (self.n_orders)
        )


# --------------------------------------------------------------------------- the seeder


class Seeder:
    def __init__(self, seed=2026, small=False, tick=_noop, today=None):
        self.plan = Plan.build(seed=seed, small=small)
        self.seed = seed
        self.tick = tick
        self.today = today or timezone.localdate()
        self.midnight = timezone.make_aware(datetime.combine(self.today, time(8, 0)))
        self.users = {}
        self.sellers = {}
        self.products = {}

    def run(self):
        self.country = ensure_country()
        self.ensure_users()
        self.ensure_sellers()
        self.ensure_products()
        self.ensure_certificates()
        self.ensure_external_links()
        self.ensure_images()
        self.ensure_pages()
        self.ensure_orders()
        seed_payments(self)  # accounts, orders paid by each method, review queue (demo/payments.py)

    # ---------------------------------------------------------------- users
    def ensure_users(self):
        demo_commune = Commune.objects.get(name=_demo_seller_row()[3])
        for role, email, first, last, _what in data.LOGINS:
            flags = {"is_staff": role == "operator", "is_superuser": role == "operator"}
            self.users[role] = ensure_user(email, first, last, **flags)
            self.tick()
        OfficialProfile.objects.update_or_create(
            user=self.users["commune"],
            defaults={"commune": demo_commune, "position": "Công chức Văn hoá – Xã hội"},
        )
        OfficialProfile.objects.update_or_create(
            user=self.users["province"],
            defaults={"commune": None, "position": "Chuyên viên Sở Dân tộc và Tôn giáo"},
        )
        OfficialProfile.objects.update_or_create(
            user=self.users["statistics"],
            defaults={"commune": None, "position": "Chuyên viên thống kê, Sở Dân tộc và Tôn giáo"},
        )
        buyer = self.users["buyer"]
        name, phone, street, ward, province = data.ADDRESSES[0]
        UserAddress.objects.get_or_create(
            user=buyer,
            line1=street,
            defaults=dict(
                first_name=buyer.first_name,
                last_name=buyer.last_name,
                line4=ward,
                state=province,
                country=self.country,
                phone_number=phone,
                is_default_for_shipping=True,
                is_default_for_billing=True,
            ),
        )

    # ---------------------------------------------------------------- sellers
    def ensure_sellers(self):
        """Sellers registered, submitted and decided through the site's own services, so the
        demo obeys the real rules (only a verified seller gets an Oscar partner and a shop)."""
        rng = stage_rng(self.seed, "sellers")
        communes = {c.name: c for c in Commune.objects.all()}
        groups = {g.code: g for g in EthnicGroup.objects.all()}
        existing = {s.slug: s for s in Seller.objects.filter(slug__in=[row[0] for row in self.plan.sellers])}
        for row in self.plan.sellers:
            slug, name, kind, commune, address, rep, sex, ethnic, born, status, lines = row
            # Every draw happens whether or not the seller exists, so reruns see the same values.
            created = self.midnight - timedelta(days=rng.randint(60, 600))
            submitted = created + timedelta(days=rng.randint(0, 5)) if status != Seller.Status.DRAFT else None
            decided = submitted + timedelta(days=rng.randint(1, 12)) if submitted else None
            if status == Seller.Status.SUBMITTED:  # the commune's queue: sent in the last weeks
                submitted = self.midnight - timedelta(days=3 + created.toordinal() % 38)
            citizen_id = f"011{(0 if sex == 'M' else 1)}{born % 100:02d}{rng.randint(0, 999_999):06d}"
            phone = f"0{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 999_999):06d}"
            business_no = (
                "" if kind == Seller.EntityType.HOUSEHOLD else f"5600{rng.randint(100_000, 999_999)}"
            )
            seller = existing.get(slug)
            if seller is None:
                seller = self._register_seller(row, communes, groups[ethnic], citizen_id, phone, business_no)
                # The demo's history: registered and decided over the past two years, at stable
                # addresses (the services stamp "now" and add a random suffix to the slug).
                Seller.objects.filter(pk=seller.pk).update(
                    slug=slug,
                    created_at=created,
                    submitted_at=submitted,
                    verified_at=decided if status == Seller.Status.VERIFIED else None,
                    decided_at=decided if status in Seller.DECIDED else None,
                    submitted_online=slug not in data.SUBMITTED_ON_PAPER,
                )
                seller.refresh_from_db()
            self.sellers[slug] = seller
            self.tick()

    def _register_seller(self, row, communes, ethnic_group, citizen_id, phone, business_no):
        """The registration wizard's steps, then an official's decision, as on the site."""
        slug, name, kind, commune, address, rep, sex, _ethnic, born, status, _lines = row
        if slug == data.DEMO_SELLER_SLUG:
            user = self.users["seller"]
        else:
            # The household's own login (phone as username); no password: demo households never
            # sign in, and hashing ~45 passwords would make seeding slow.
            user = get_user_model().objects.create_user(username=phone)
        assisted_by = self.users["commune"] if slug in data.ASSISTED_BY_COMMUNE_OFFICIAL else None
        seller = seller_services.start_seller(
            user=user, commune=communes[commune], phone=phone, assisted_by=assisted_by
        )
        seller_services.save_shop(seller, name=name, entity_type=kind, address=address)
        seller_services.save_step(
            seller, seller_services.STEP_REPRESENTATIVE, rep_name=rep, rep_sex=sex, rep_birth_year=born
        )
        # Most, not all, representatives chose to show their ethnic group to buyers.
        publish_ethnic = publishes_ethnic_group(slug)
        seller_services.record_consent(seller, publish_ethnic_group=publish_ethnic)
        seller_services.save_identity(
            seller, ethnic_group=ethnic_group, citizen_id=citizen_id, business_registration_no=business_no
        )
        story = seller_story(row, ethnic_group.name if publish_ethnic else None)
        seller_services.save_step(seller, seller_services.STEP_STORY, story=story)
        if status == Seller.Status.DRAFT:
            return seller
        seller_services.submit_registration(seller)
        if status in DECISIONS:
            seller_services.decide_registration(
                seller,
                official=self.official_for(seller),
                decision=DECISIONS[status],
                reason=REVIEW_NOTES.get(status, ""),
            )
        return seller

    def official_for(self, seller):
        """The commune official decides for the demo commune, the province official elsewhere."""
        commune_official = self.users["commune"]
        # Separation of duties: a file the commune official assisted goes to the province.
        if seller_scope.may_decide(commune_official, seller):
            return commune_official
        return self.users["province"]

    # ---------------------------------------------------------------- catalogue
    def ensure_products(self):
        goods, _ = ProductClass.objects.get_or_create(
            slug="san-pham-ocop", defaults={"name": "Sản phẩm OCOP", "requires_shipping": True}
        )
        services, _ = ProductClass.objects.get_or_create(
            slug="dich-vu-du-lich", defaults={"name": "Dịch vụ du lịch", "requires_shipping": False}
        )
        categories = {group: ensure_category(str(group.label)) for group in ProductGroup}
        existing = {p.upc: p for p in Product.objects.filter(upc__in=[p.upc for p in self.plan.products])}
        for item in self.plan.products:
            seller = self.sellers[item.seller_slug]
            product_class = services if item.group == ProductGroup.TOURISM else goods
            fields = dict(
                title=item.title,
                slug=slugify(fold(item.title))[:255],
                description=product_description(item, seller),
                product_class=product_class,
                seller=seller,
                product_group=item.group,
                weight_grams=item.grams,
                is_public=True,
            )
            product = existing.get(item.upc)
            if product is None:
                product = Product.objects.create(upc=item.upc, **fields)
                Product.objects.filter(pk=product.pk).update(
                    date_created=self.midnight - timedelta(days=item.age_days)
                )
            elif any(getattr(product, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(product, k, v)
                product.save()
            ProductCategory.objects.get_or_create(product=product, category=categories[item.group])
            StockRecord.objects.update_or_create(
                partner_id=seller.partner_id,
                partner_sku=item.upc,
                defaults=dict(
                    product=product,
                    price=Decimal(item.price),
                    price_currency="VND",
                    num_in_stock=item.num_in_stock,
                    num_allocated=0,
                    low_stock_threshold=5,
                ),
            )
            self.products[item.upc] = (item, product)
            self.tick()

    def ensure_certificates(self):
        from marketplace.catalogue.services import refresh_ocop_fields

        rng = stage_rng(self.seed, "certificates")
        by_line = {}
        for item, product in self.products.values():
            by_line.setdefault((item.seller_slug, item.line_key), []).append(product)
        for (slug, key), products in by_line.items():
            seller, line = self.sellers[slug], data.PRODUCT_LINES[key]
            number = rng.randint(150, 2999)
            stars_hint = line["stars"]
            if stars_hint is None:
                continue
            if (slug, key) in data.FIVE_STAR:
                stars, level, decision = 5, OcopCertificate.Level.NATIONAL, f"{number}/QĐ-BNNMT"
            else:
                stars = min(4, stars_hint + (rng.random() < 0.15))
                level, decision = OcopCertificate.Level.PROVINCE, f"{number}/QĐ-UBND"
            months_ago = (
                rng.randint(37, 50) if (slug, key) in data.EXPIRED_CERTIFICATES else rng.randint(1, 34)
            )
            issued = add_months(self.today, -months_ago) - timedelta(days=rng.randint(0, 20))
            # A few recent ones still wait for an official (the officials' queue is not empty).
            expired = add_months(issued, 36) < self.today
            waiting = (
                not expired
                and (slug, key) not in data.FIVE_STAR
                and zlib.crc32(f"{slug}:{key}".encode()) % 6 == 0
            )
            approved = not waiting
            reviewed = seller.verified_at if approved else None
            extra = {"reviewed_at": reviewed} if has_field(OcopCertificate, "reviewed_at") else {}
            certificate, _ = OcopCertificate.objects.update_or_create(
                seller=seller,
                product_name=line["title"].format(xa=seller.commune.name),
                defaults=dict(
                    **extra,
                    stars=stars,
                    product_group=line["group"],
                    decision_number=decision,
                    level=level,
                    issued_on=issued,
                    expires_on=add_months(issued, 36),
                    approved=approved,
                    is_expired=expired,
                ),
            )
            certificate.products.set(products)
        refresh_ocop_fields(Product.objects.filter(upc__in=list(self.products)), on=self.today)

    # ---------------------------------------------------------------- images
    def ensure_external_links(self):
        """Every third verified seller also sells on another platform; most links are confirmed."""
        platforms = [
            ("shopee", "https://shopee.vn/{}"),
            ("facebook", "https://www.facebook.com/{}"),
            ("tiktok", "https://www.tiktok.com/@{}"),
            ("lazada", "https://www.lazada.vn/shop/{}"),
        ]
        verified = Seller.objects.filter(status=Seller.Status.VERIFIED).order_by("slug")
        for n, seller in enumerate(verified[::3]):
            platform, pattern = platforms[n % len(platforms)]
            pending = n % 3 == 2 or seller.slug == data.DEMO_SELLER_SLUG  # a few left for officials' queues
            official = self.official_for(seller)
            ExternalShopLink.objects.get_or_create(
                seller=seller,
                url=pattern.format(seller.slug),
                defaults={
                    "platform": platform,
                    "added_at": self.midnight - timedelta(days=90),
                    "confirmed_by": None if pending else official,
                    "confirmed_at": None if pending else self.midnight - timedelta(days=80),
                },
            )
            self.tick()

    def ensure_images(self):
        images = {image.code: image for image in ProductImage.objects.filter(code__in=list(self.products))}
        for upc, (item, product) in self.products.items():
            image = images.get(upc)
            fresh = image is None or not default_storage.exists(image.original.name)
            if fresh:
                picture = draw_product_picture(item)
                content = ContentFile(encode(picture, "JPEG", quality=80), name=f"{upc.lower()}.jpg")
                if image is None:
                    image = ProductImage(product=product, code=upc, caption=item.title[:200], display_order=0)
                image.original.save(content.name, content, save=True)
            if fresh or not all(default_storage.exists(p) for p in thumbnail_paths(image.original.name)):
                write_thumbnails(image.original.name)  # the same writer the upload task uses
            self.tick()

    # ---------------------------------------------------------------- CMS
    def ensure_pages(self):
        from cms.models import CourseIndexPage, CoursePage, NewsIndexPage, NewsPage
        from cms.services import ensure_home_page

        home = ensure_home_page()
        courses = ensure_child(
            home,
            CourseIndexPage,
            slug="khoa-hoc",
            title="Khoá học kỹ năng số",
            intro="<p>Các khoá học ngắn, học trên điện thoại: bán hàng trực tuyến, nhận tiền qua VietQR, "
            "an toàn trên mạng.</p>",
        )
        self.tick()
        for slug, title, audience, minutes, summary, body in data.COURSES:
            ensure_child(
                courses,
                CoursePage,
                slug=slug,
                title=title,
                audience=audience,
                duration_minutes=minutes,
                summary=summary,
                body=body,
            )
            self.tick()
        news = ensure_child(home, NewsIndexPage, slug="tin-tuc", title="Tin tức")
        self.tick()
        for slug, title, days_ago, summary, body in data.NEWS:
            ensure_child(
                news,
                NewsPage,
                slug=slug,
                title=title,
                date=self.today - timedelta(days=days_ago),
                summary=summary,
                body=body,
            )
            self.tick()

    # ---------------------------------------------------------------- orders
    def ensure_orders(self):
        specs = plan_orders(self.plan, self.seed, self.sellers)
        numbers = set(
            Order.objects.filter(number__in=[s.number for s in specs]).values_list("number", flat=True)
        )
        site = Site.objects.filter(pk=settings.SITE_ID).first()
        source_types = {
            code: SourceType.objects.get_or_create(code=code, defaults={"name": name})[0]
            for code, name in PAYMENT_METHODS.items()
        }
        for spec in specs:
            if spec.number not in numbers:
                create_order(spec, self, site, source_types)
            self.tick()


# --------------------------------------------------------------------------- orders plan

PAYMENT_METHODS = {
    "cod": "Thanh toán khi nhận hàng",
    "vietqr": "Chuyển khoản VietQR",
    "card": "Thẻ quốc tế",
}
STATUS_ORDER = ["confirmed", "packed", "shipped", "delivered"]


@dataclass
class OrderSpec:
    number: str
    age_days: int
    hour: int
    buyer: bool
    address: tuple
    payment: str
    parts: dict  # seller slug -> {"status", "lines": [(upc, qty)]}


def plan_orders(plan: Plan, seed: int, sellers: dict) -> list[OrderSpec]:
    """Orders over the past 12 months, oldest first; about one in five from the demo buyer."""
    rng = stage_rng(seed, "orders")
    by_seller = {}
    for item in plan.products:
        if sellers[item.seller_slug].status == Seller.Status.VERIFIED:
            by_seller.setdefault(item.seller_slug, []).append(item)
    slugs = sorted(by_seller)
    ages = sorted(
        (rng.randint(0, 10) if rng.random() < 0.2 else rng.randint(11, 364) for _ in range(plan.n_orders)),
        reverse=True,
    )
    specs = []
    for n, age in enumerate(ages, start=1):
        n_sellers = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
        chosen = rng.sample(slugs, n_sellers)
        if n % 6 == 0 and data.DEMO_SELLER_SLUG in by_seller and data.DEMO_SELLER_SLUG not in chosen:
            chosen[0] = data.DEMO_SELLER_SLUG
        parts = {}
        for slug in chosen:
            items = rng.sample(by_seller[slug], min(len(by_seller[slug]), rng.choice([1, 1, 2])))
            lines = [(item.upc, 1 if item.group == "tourism" else rng.choice([1, 1, 2, 3])) for item in items]
            parts[slug] = {"status": part_status(rng, age), "lines": lines}
        buyer = rng.random() < 0.2
        specs.append(
            OrderSpec(
                number=f"DEMO-{n:05d}",
                age_days=age,
                hour=rng.randint(6, 22),
                buyer=buyer,
                address=data.ADDRESSES[0] if buyer else rng.choice(data.ADDRESSES[1:]),
                payment=rng.choices(list(PAYMENT_METHODS), weights=[6, 3, 1])[0],
                parts=parts,
            )
        )
    return specs


def part_status(rng, age):
    if age <= 1:
        return rng.choice(["confirmed", "confirmed", "packed"])
    if age <= 4:
        return rng.choice(["confirmed", "packed", "shipped"])
    if age <= 10:
        return rng.choice(["shipped", "shipped", "delivered"])
    return "cancelled" if rng.random() < 0.03 else "delivered"


def create_order(spec: OrderSpec, seeder: Seeder, site, source_types):
    """An Oscar order with its lines, split into seller parts by the order service, then aged."""
    from marketplace.order.services import split_order_into_parts

    name, phone, street, ward, province = spec.address
    last, _, first = name.rpartition(" ")
    placed = min(
        seeder.midnight.replace(hour=spec.hour) - timedelta(days=spec.age_days),
        timezone.now() - timedelta(minutes=30),
    )
    address = ShippingAddress.objects.create(
        first_name=first,
        last_name=last,
        line1=street,
        line4=ward,
        state=province,
        country=seeder.country,
        phone_number=phone,
    )
    order = Order.objects.create(
        number=spec.number,
        site=site,
        user=seeder.users["buyer"] if spec.buyer else None,
        guest_email="" if spec.buyer else f"{slugify(fold(name)).replace('-', '.')}@example.com",
        currency="VND",
        total_incl_tax=0,
        total_excl_tax=0,
        shipping_address=address,
        shipping_method="Giao hàng tiêu chuẩn",
        shipping_code="standard",
        date_placed=placed,
    )
    lines, status_of, services_only = [], {}, {}
    for slug, part in spec.parts.items():
        seller = seeder.sellers[slug]
        status_of[seller.partner_id] = part["status"]
        services_only[seller.partner_id] = True
        for upc, qty in part["lines"]:
            item, product = seeder.products[upc]
            services_only[seller.partner_id] &= item.group == ProductGroup.TOURISM
            amount = Decimal(item.price * qty)
            lines.append(
                Line(
                    order=order,
                    partner_id=seller.partner_id,
                    partner_name=seller.name[:128],
                    partner_sku=upc,
                    stockrecord=product.stockrecords.first(),
                    product=product,
                    title=item.title,
                    upc=upc,
                    quantity=qty,
                    line_price_incl_tax=amount,
                    line_price_excl_tax=amount,
                    line_price_before_discounts_incl_tax=amount,
                    line_price_before_discounts_excl_tax=amount,
                    unit_price_incl_tax=Decimal(item.price),
                    unit_price_excl_tax=Decimal(item.price),
                    status=part["status"],
                    num_allocated=qty,
                )
            )
    Line.objects.bulk_create(lines)
    parts = split_order_into_parts(order)
    for part in parts:
        status = status_of[part.partner_id]
        paid = status == "delivered" or (spec.payment != "cod" and status != "cancelled")
        refunded = status == "cancelled" and spec.payment != "cod"
        shipped = status in {"shipped", "delivered"} and not services_only[part.partner_id]
        rng = random.Random(f"{spec.number}:{part.partner_id}")
        part.status = status
        part.payment_state = "refunded" if refunded else "paid" if paid else "unpaid"
        part.carrier = rng.choice(data.CARRIERS) if shipped else ""
        part.tracking_code = f"DB{rng.randint(10**9, 10**10 - 1)}VN" if shipped else ""
        part.created_at = placed
        part.save()
    shipping = sum(p.shipping_charge for p in parts)
    total = sum(p.items_total for p in parts) + shipping
    live = [p.status for p in parts if p.status != "cancelled"]
    Order.objects.filter(pk=order.pk).update(
        total_incl_tax=total,
        total_excl_tax=total,
        shipping_incl_tax=shipping,
        shipping_excl_tax=shipping,
        status=min(live, key=STATUS_ORDER.index) if live else "cancelled",
    )
    Source.objects.create(
        order=order,
        source_type=source_types[spec.payment],
        amount_allocated=total,
        amount_debited=sum(p.total for p in parts if p.payment_state != "unpaid"),
        amount_refunded=sum(p.total for p in parts if p.payment_state == "refunded"),
    )


# --------------------------------------------------------------------------- small helpers


def thumbnail_paths(original_name):
    return [thumbnail_path(original_name, width) for width in THUMBNAIL_WIDTHS]


def has_field(model, name):
    return any(f.name == name for f in model._meta.get_fields())


def ensure_country():
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults=dict(
            iso_3166_1_a3="VNM",
            iso_3166_1_numeric="704",
            printable_name="Việt Nam",
            name="Cộng hoà Xã hội Chủ nghĩa Việt Nam",
            is_shipping_country=True,
        ),
    )
    return country


def ensure_user(email, first_name, last_name, **flags):
    User = get_user_model()
    user, _ = User.objects.update_or_create(
        username=email, defaults=dict(email=email, first_name=first_name, last_name=last_name, **flags)
    )
    if not user.check_password(data.DEMO_PASSWORD):
        user.set_password(data.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def ensure_category(name):
    from oscar.apps.catalogue.categories import create_from_breadcrumbs

    return create_from_breadcrumbs(name)


def ensure_child(parent, page_class, slug, **fields):
    """A live child page with this slug, created and published once; editors' changes are kept."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = parent.add_child(instance=page_class(slug=slug, **fields))
    page.save_revision().publish()
    return page


def _demo_seller_row():
    return next(row for row in data.SELLERS if row[0] == data.DEMO_SELLER_SLUG)


def _lower_first(text):
    return text[:1].lower() + text[1:]


def seller_story(row, ethnic_name):
    slug, name, kind, commune, address, rep, sex, *_rest, lines = row
    # Mid-sentence only the first word drops its capital: "cà phê Mường Ảng", "chè Shan Tuyết".
    shorts = ", ".join(_lower_first(data.PRODUCT_LINES[key]["short"]) for key in lines)
    title = "bà" if sex == "F" else "ông"
    person = f"{title} {rep}"
    # The story is public: it names the ethnic group only where the seller agreed to show it.
    who = {
        "household": f"Gia đình {person}" + (f", người {ethnic_name}" if ethnic_name else ""),
        "cooperative": f"Hợp tác xã do {person}"
        + (f" (dân tộc {ethnic_name})" if ethnic_name else "")
        + " làm giám đốc",
        "coop_group": f"Tổ hợp tác do {person}"
        + (f" (dân tộc {ethnic_name})" if ethnic_name else "")
        + " làm tổ trưởng",
        "enterprise": f"Doanh nghiệp do {title} {rep} điều hành",
    }[kind]
    place = _lower_first(address) if address.startswith("Bản ") else address  # "bản Mển"
    return (
        f"{who}, ở {place}, xã/phường {commune}, "
        f"tỉnh Điện Biên. Sản phẩm chính: {shorts}. Chúng tôi làm theo cách truyền thống của bản, "
        "dùng nguyên liệu tại chỗ và giao hàng đi mọi miền."
    )


def _neutral(value, ethnic_code):
    return without_ethnic_group(value, ethnic_code) if isinstance(value, str) else value


def product_description(item: ProductPlan, seller: Seller) -> str:
    return (
        f"<p>{item.description}</p>"
        f"<p>Quy cách: {item.variant}. Sản xuất bởi {seller.name}, {seller.commune}, tỉnh Điện Biên.</p>"
    )


# --------------------------------------------------------------------------- pictures


@cache
def _font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw_product_picture(item: ProductPlan) -> Image.Image:
    """An 800×800 card: group colour, a brocade-like band, the product's short name and pack."""
    background, accent = data.GROUP_COLOURS[item.group]
    image = Image.new("RGB", IMAGE_SIZE, background)
    draw = ImageDraw.Draw(image)
    width, height = IMAGE_SIZE
    # soft vertical gradient
    for y in range(0, height, 4):
        shade = int(28 * y / height)
        draw.rectangle([0, y, width, y + 4], fill=tuple(max(0, c - shade) for c in background))
    # brocade band: diamonds in the accent colour
    band_top = height - 170
    draw.rectangle([0, band_top, width, band_top + 60], fill=accent)
    for x in range(0, width + 40, 40):
        draw.polygon(
            [(x, band_top + 6), (x + 20, band_top + 30), (x, band_top + 54), (x - 20, band_top + 30)],
            fill=background,
        )
        draw.polygon(
            [(x, band_top + 18), (x + 8, band_top + 30), (x, band_top + 42), (x - 8, band_top + 30)],
            fill=accent,
        )
    # text
    title_font, small_font = _font(64), _font(32)
    lines = _wrap(draw, item.short, title_font, width - 80)
    y = 300 - 40 * (len(lines) - 1)
    for text in lines:
        w = draw.textlength(text, font=title_font)
        draw.text(((width - w) / 2, y), text, font=title_font, fill=(255, 255, 255))
        y += 80
    w = draw.textlength(item.variant, font=small_font)
    draw.text(((width - w) / 2, y + 20), item.variant, font=small_font, fill=accent)
    label = "OCOP · Điện Biên"
    w = draw.textlength(label, font=small_font)
    draw.text(((width - w) / 2, 90), label, font=small_font, fill=accent)
    return image


def _wrap(draw, text, font, max_width):
    words, lines, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= max_width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    return lines + [current]


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()
