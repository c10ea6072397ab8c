"""Fill a separate PostgreSQL database with a 20,000-product OCOP catalogue for the benchmarks.

    .venv/bin/python -m benchmarks.make_catalogue [--products 20000] [--sellers 500] [--force]

BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ocop_bench) is created if
missing and migrated. Rows go in with bulk_create, so Product.save() never runs: the search
columns are filled here exactly as Product.save() fills them (marketplace.core.text.fold on
the title plus the tag-stripped description). Idempotent: a filled database is left alone
unless --force, which deletes the bench rows and rebuilds them. Deterministic (seeded).
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlparse

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ocop_bench"
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
MARKER = "BENCH"  # UPC prefix and seller-slug prefix of every generated row

# What the products are: (title stem, product group, price range in đồng, grams).
STEMS = [
    ("Gạo Séng Cù Điện Biên", "food", (70_000, 380_000), 2000),
    ("Gạo tám thơm Điện Biên", "food", (60_000, 320_000), 2000),
    ("Gạo nếp nương", "food", (80_000, 260_000), 2000),
    ("Gạo nếp cẩm", "food", (50_000, 200_000), 1000),
    ("Gạo lứt đỏ", "food", (55_000, 190_000), 1000),
    ("Thịt trâu gác bếp", "food", (250_000, 1_200_000), 500),
    ("Thịt lợn gác bếp", "food", (200_000, 900_000), 500),
    ("Lạp sườn hun khói", "food", (150_000, 450_000), 500),
    ("Măng khô", "food", (90_000, 300_000), 500),
    ("Mắc khén rừng", "food", (60_000, 250_000), 200),
    ("Chẩm chéo", "food", (40_000, 120_000), 200),
    ("Miến dong", "food", (50_000, 160_000), 500),
    ("Mật ong rừng", "food", (180_000, 650_000), 700),
    ("Mật ong bạc hà", "food", (200_000, 700_000), 700),
    ("Cà phê Arabica Điện Biên", "beverage", (120_000, 480_000), 500),
    ("Chè shan tuyết cổ thụ", "beverage", (150_000, 900_000), 200),
    ("Chè Tủa Chùa", "beverage", (120_000, 700_000), 200),
    ("Rượu táo mèo", "beverage", (90_000, 350_000), 1000),
    ("Rượu ngô men lá", "beverage", (80_000, 300_000), 1000),
    ("Trà hoa vàng", "beverage", (200_000, 800_000), 100),
    ("Sâm dây Ngọc Linh", "herbal", (300_000, 1_500_000), 200),
    ("Cao xương khớp thảo dược", "herbal", (250_000, 900_000), 300),
    ("Lá tắm người Dao", "herbal", (50_000, 180_000), 300),
    ("Tinh dầu sả chanh", "herbal", (80_000, 260_000), 100),
    ("Giảo cổ lam", "herbal", (90_000, 320_000), 200),
    ("Thổ cẩm dệt tay", "textile", (150_000, 1_800_000), 400),
    ("Khăn piêu thêu tay", "textile", (200_000, 900_000), 200),
    ("Váy áo H'Mông", "textile", (400_000, 2_500_000), 800),
    ("Túi thổ cẩm", "textile", (120_000, 600_000), 300),
    ("Giỏ mây tre đan", "souvenir", (80_000, 450_000), 600),
    ("Ghế mây", "souvenir", (300_000, 1_500_000), 3000),
    ("Chăn bông lau", "souvenir", (500_000, 1_800_000), 2500),
    ("Gối tựa thổ cẩm", "souvenir", (150_000, 500_000), 600),
    ("Homestay bản Thái", "tourism", (250_000, 900_000), 0),
    ("Tour trải nghiệm bản", "tourism", (400_000, 2_000_000), 0),
]
MODIFIERS = [
    "đặc sản",
    "truyền thống",
    "hữu cơ",
    "loại 1",
    "thượng hạng",
    "tự nhiên",
    "thủ công",
    "nguyên chất",
    "cao cấp",
    "vùng cao",
    "mùa mới",
    "gia truyền",
    "sạch",
    "VietGAP",
    "",
]
VARIANTS = [
    "túi 500 g",
    "túi 1 kg",
    "túi 2 kg",
    "túi 5 kg",
    "bao 10 kg",
    "hộp 200 g",
    "hộp quà",
    "chai 500 ml",
    "bình 1 lít",
    "gói 100 g",
    "bộ",
    "chiếc",
    "đêm",
    "người/ngày",
]
SENTENCES = [
    "Sản phẩm của {who} ở {xa}, làm theo cách truyền thống của người {dt}.",
    "Nguyên liệu thu hái trên nương cao, không dùng phân bón hoá học.",
    "Đóng gói hút chân không, bảo quản nơi khô ráo, thoáng mát.",
    "Hợp tác xã kiểm soát chất lượng từng lô, có tem truy xuất nguồn gốc.",
    "Phù hợp làm quà biếu dịp Tết và lễ hội.",
    "Hương vị đậm đà, thơm nhẹ, được khách du lịch ưa chuộng.",
    "Giao hàng toàn quốc, đổi trả trong bảy ngày nếu sản phẩm lỗi.",
    "Được công nhận sản phẩm OCOP cấp tỉnh Điện Biên.",
    "Canh tác theo quy trình VietGAP trên cánh đồng Mường Thanh.",
    "Mỗi sản phẩm gắn với câu chuyện văn hoá của bản làng.",
    "Hun khói trên gác bếp nhiều ngày với củi nghiến và mắc khén.",
    "Dệt trên khung cửi gỗ, hoa văn cổ truyền của phụ nữ {dt}.",
    "Thích hợp pha trà, nấu xôi, làm bánh hoặc chế biến món ăn gia đình.",
    "Chứng nhận an toàn thực phẩm do Sở Nông nghiệp và Môi trường cấp.",
]
EXTRA_WORDS = (
    "núi rừng sương mù suối đá ruộng bậc thang lúa nương bản mường thung lũng đèo Pha Đin "
    "Tây Bắc hoa ban tháng ba lễ hội xoè Thái khèn Mông chợ phiên đồi chè cây cổ thụ mùa gặt "
    "bếp lửa nhà sàn men lá măng rừng nấm hương gừng sả ớt tỏi hạt dổi sa nhân thảo quả "
    "mật ngọt bền chắc mềm mịn dẻo thơm trong vắt vàng óng đỏ tím đen nâu xanh tươi"
).split()
ETHNIC = ["Thái", "H'Mông", "Dao", "Khơ Mú", "Lào", "Hà Nhì", "Kinh", "Cống", "Si La"]
SURNAMES = ["Lò", "Lường", "Quàng", "Cà", "Tòng", "Vàng", "Giàng", "Sùng", "Mùa", "Nguyễn", "Trần"]
GIVEN = ["Văn Hặc", "Thị Mai", "Văn Pó", "Thị Ún", "A Chứ", "Thị Dợ", "Văn Thanh", "Thị Hoa"]
ENTITY = ["Hợp tác xã", "Hộ kinh doanh", "Tổ hợp tác", "Công ty TNHH"]


def configure(url=BENCH_URL):
    """Django on the bench database `url` (test settings: no cache or broker needed to fill it)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def ensure_database(url=BENCH_URL):
    """CREATE DATABASE if missing (connecting to the server's `postgres` database); True if created."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    return not exists


def _description(rng, who, xa, dt):
    picked = rng.sample(SENTENCES, rng.randint(3, 6))
    text = " ".join(s.format(who=who, xa=xa, dt=dt) for s in picked)
    extra = " ".join(rng.choice(EXTRA_WORDS) for _ in range(rng.randint(8, 25)))
    return f"<p>{text}</p><p>{extra.capitalize()}.</p>"


def build(n_products, n_sellers, seed=2026):
    from django.contrib.sites.models import Site
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.html import strip_tags
    from django.utils.text import slugify
    from oscar.core.loading import get_model

    from cms.services import ensure_home_page
    from marketplace.core.text import fold
    from sellers.models import Commune, EthnicGroup, Seller

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    ProductCategory = get_model("catalogue", "ProductCategory")
    ProductImage = get_model("catalogue", "ProductImage")
    Category = get_model("catalogue", "Category")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")

    rng = random.Random(seed)
    today = timezone.localdate()
    communes = list(Commune.objects.all())
    ethnic_groups = list(EthnicGroup.objects.all())
    if not communes:
        sys.exit("no communes: run the migrations first (sellers.0002_reference_data)")

    with transaction.atomic():
        Site.objects.update_or_create(pk=1, defaults={"domain": "127.0.0.1", "name": "bench"})
        ensure_home_page()
        goods, _ = ProductClass.objects.get_or_create(
            slug="san-pham-ocop", defaults={"name": "Sản phẩm OCOP", "requires_shipping": True}
        )
        categories = {}
        for group in sorted({stem[1] for stem in STEMS}):
            categories[group] = Category.objects.filter(name=group).first() or Category.add_root(
                name=group, slug=group, is_public=True
            )

        # ~10% of sellers are not verified: their products must not be listed.
        n_all = int(n_sellers * 1.1)
        partners = Partner.objects.bulk_create(
            [Partner(name=f"Bench partner {i}", code=f"{MARKER.lower()}-{i}") for i in range(n_all)]
        )
        sellers = []
        for i, partner in enumerate(partners):
            commune = rng.choice(communes)
            rep = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            sellers.append(
                Seller(
                    partner=partner,
                    name=f"{rng.choice(ENTITY)} {rep} {commune.name} {i}",
                    slug=f"{MARKER.lower()}-seller-{i}",
                    entity_type=rng.choice(Seller.EntityType.values),
                    commune=commune,
                    rep_name=rep,
                    rep_ethnic_group=rng.choice(ethnic_groups) if ethnic_groups else None,
                    story="Câu chuyện sản phẩm của bản.",
                    status=Seller.Status.VERIFIED if i < n_sellers else Seller.Status.SUBMITTED,
                )
            )
        sellers = Seller.objects.bulk_create(sellers)
        print(f"  {len(sellers)} sellers ({n_sellers} verified)")

        products = []
        for i in range(n_products):
            seller = sellers[rng.randrange(len(sellers))]
            stem, group, (low, high), grams = rng.choice(STEMS)
            modifier = rng.choice(MODIFIERS)
            title = " ".join(w for w in (stem, modifier, seller.commune.name, "–", rng.choice(VARIANTS)) if w)
            description = _description(rng, seller.rep_name, seller.commune.name, rng.choice(ETHNIC))
            has_cert = rng.random() < 0.6
            expires = today + timedelta(days=rng.randint(-400, 1000)) if has_cert else None
            products.append(
                Product(
                    structure="standalone",
                    upc=f"{MARKER}{i:06d}",
                    title=title,
                    slug=slugify(fold(title))[:255],
                    description=description,
                    product_class=goods,
                    seller=seller,
                    product_group=group,
                    weight_grams=grams or 100,
                    is_public=True,
                    ocop_stars=rng.choice((3, 3, 3, 4, 4, 5)) if has_cert else None,
                    ocop_expires_on=expires,
                    rating=round(rng.uniform(2.5, 5), 1) if rng.random() < 0.3 else None,
                    # What Product.save() does, which bulk_create skips:
                    search_text=fold(f"{title} {strip_tags(description)}"),
                    search_title=fold(title),
                )
            )
            products[-1]._price_range = (low, high)
        Product.objects.bulk_create(products, batch_size=2000)
        print(f"  {len(products)} products")

        stock, images, links = [], [], []
        for product in products:
            low, high = product._price_range
            out_of_stock = rng.random() < 0.08
            stock.append(
                StockRecord(
                    product=product,
                    partner_id=product.seller.partner_id,
                    partner_sku=product.upc,
                    price=Decimal(rng.randrange(low, high, 1000)),
                    price_currency="VND",
                    num_in_stock=0 if out_of_stock else rng.randint(1, 200),
                    num_allocated=0,
                    low_stock_threshold=5,
                )
            )
            # A photo row per product (no file: thumbnails are URLs computed without I/O),
            # so cards render their <img> markup as in production.
            images.append(
                ProductImage(
                    product=product,
                    code=product.upc,
                    original=f"images/products/bench/{product.upc.lower()}.jpg",
                    caption=product.title[:200],
                    display_order=0,
                )
            )
            links.append(ProductCategory(product=product, category=categories[product.product_group]))
        StockRecord.objects.bulk_create(stock, batch_size=2000)
        ProductImage.objects.bulk_create(images, batch_size=2000)
        ProductCategory.objects.bulk_create(links, batch_size=2000)
        print(f"  {len(stock)} stock records, {len(images)} images")

        # auto_now_add wins in bulk_create: spread creation dates over ~400 days afterwards.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE catalogue_product SET date_created = now() - (abs(hashtext(upc)) %% 400) "
                "* interval '1 day' - (abs(hashtext(upc || 'h')) %% 86400) * interval '1 second' "
                "WHERE upc LIKE %s",
                [f"{MARKER}%"],
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def wipe():
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in (
            "DELETE FROM catalogue_productimage WHERE code LIKE %s",
            "DELETE FROM catalogue_productcategory WHERE product_id IN "
            "(SELECT id FROM catalogue_product WHERE upc LIKE %s)",
            "DELETE FROM partner_stockrecord WHERE partner_sku LIKE %s",
            "DELETE FROM catalogue_product WHERE upc LIKE %s",
        ):
            cursor.execute(sql, [f"{MARKER}%"])
        cursor.execute("DELETE FROM sellers_seller WHERE slug LIKE %s", [f"{MARKER.lower()}-%"])
        cursor.execute("DELETE FROM partner_partner WHERE code LIKE %s", [f"{MARKER.lower()}-%"])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--sellers", type=int, default=500)
    parser.add_argument("--force", action="store_true", help="delete the bench rows and rebuild")
    args = parser.parse_args(argv)

    started = time.monotonic()
    ensure_database()
    configure()
    from django.core.management import call_command
    from oscar.core.loading import get_model

    call_command("migrate", interactive=False, verbosity=0)
    Product = get_model("catalogue", "Product")
    have = Product.objects.filter(upc__startswith=MARKER).count()
    if have and not args.force:
        print(f"{BENCH_URL}: already has {have} bench products (use --force to rebuild)")
        return
    if have:
        wipe()
    print(f"filling {BENCH_URL} …")
    build(args.products, args.sellers)
    print(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
