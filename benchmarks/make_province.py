"""Fill a separate PostgreSQL database with a large synthetic province for the indicators benchmark.

    .venv/bin/python -m benchmarks.make_province [--sellers 100000] [--orders 1000000] [--years 5] [--force]

BENCH_PROVINCE_URL (default postgres://postgres@127.0.0.1:5432/ocop_bench_province) is created
if missing and migrated. Everything is written by INSERT … SELECT over generate_series in the
database (no Python loop over rows): 100,000 seller entities with partners, certificates,
products, stock, links to other platforms, e-payment accounts, village heads, staff and training
completions; 1,000,000 orders each with one seller part; then today's snapshot computed from
those records by the real code (``take_snapshot``), and five years of daily history derived
from it along a growth curve (the history is synthetic: it exists to be read fast, not to be
recomputed). Deterministic: rows are spread by integer hashing of the series number.
Idempotent: a filled database is left alone unless --force.
"""

import argparse
import os
import time
from urllib.parse import urlparse

from benchmarks.make_catalogue import configure, ensure_database

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ocop_bench_province"
BENCH_URL = os.environ.get("BENCH_PROVINCE_URL", DEFAULT_URL)

# A pseudo-random number in [0, m) from the series number g and a salt (PostgreSQL's own
# integer hash: independent bits, so commune, ethnic group, kind and sex do not correlate).
H = "(abs(hashint8(({g})::bigint * 1000 + {salt})::bigint) % {m})"


def h(m, salt, g="g"):
    return H.format(g=g, salt=salt, m=m)


FILLERS = {
    "integer": "0",
    "bigint": "0",
    "smallint": "0",
    "numeric": "0",
    "double precision": "0",
    "boolean": "false",
    "character varying": "''",
    "text": "''",
    "timestamp with time zone": "now()",
    "date": "current_date",
    "jsonb": "'{}'::jsonb",
    "uuid": "gen_random_uuid()",
}


def insert(cursor, table, values: dict, source: str):
    """INSERT INTO table SELECT … FROM source, filling every other NOT NULL column with a neutral value."""
    cursor.execute(
        "SELECT column_name, data_type, is_nullable, column_default, is_identity "
        "FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    columns = dict(values)
    for name, data_type, nullable, default, identity in cursor.fetchall():
        if name in columns or identity == "YES" or default is not None or nullable == "YES":
            continue
        columns[name] = FILLERS[data_type]
    names = ", ".join(f'"{c}"' for c in columns)
    exprs = ", ".join(columns.values())
    started = time.monotonic()
    cursor.execute(f'INSERT INTO "{table}" ({names}) SELECT {exprs} FROM {source}')
    print(f"  {table}: {cursor.rowcount:,} rows in {time.monotonic() - started:.1f} s", flush=True)


def weighted(ids_by_weight):
    """A 100-slot SQL array where each id appears as often as its weight (percent)."""
    slots = [str(pk) for pk, weight in ids_by_weight for _ in range(weight)]
    assert len(slots) == 100, len(slots)
    return f"(ARRAY[{','.join(slots)}])"


def build(n_sellers, n_orders, years):
    from django.db import connection, transaction
    from django.utils import timezone

    from marketplace.indicators.definitions import COUNTER_FIELDS
    from marketplace.indicators.models import SnapshotCell, SnapshotDay
    from marketplace.indicators.services import take_snapshot
    from sellers.models import Commune, EthnicGroup

    communes = list(Commune.objects.order_by("pk").values_list("pk", flat=True))
    groups = dict(EthnicGroup.objects.values_list("name", "pk"))
    # Điện Biên's make-up, roughly: H'Mông, Thái, Kinh, Khơ-mú, Dao, Hà Nhì, Lào, Kháng.
    ethnic = weighted(
        [
            (groups["H'Mông"], 36),
            (groups["Thái"], 32),
            (groups["Kinh"], 12),
            (groups["Khơ-mú"], 6),
            (groups["Dao"], 6),
            (groups["Hà Nhì"], 3),
            (groups["Lào"], 3),
            (groups["Kháng"], 2),
        ]
    )
    commune = f"(ARRAY[{','.join(map(str, communes))}])"
    today = timezone.localdate()
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL synchronous_commit = off")
        # Generated rows are consistent by construction: skip per-row foreign-key triggers.
        c.execute("SET LOCAL session_replication_role = replica")
        n = n_sellers
        series = f"generate_series(1, {n}) g"
        insert(c, "partner_partner", {"code": "'bp' || g", "name": "'Cơ sở ' || g"}, series)
        kinds = "(ARRAY['household','household','household','household','household','household',"
        kinds += "'cooperative','cooperative','coop_group','enterprise'])"
        status = (
            f"CASE WHEN {h(100, 1)} < 85 THEN 'verified' WHEN {h(100, 1)} < 90 THEN 'submitted' "
            f"WHEN {h(100, 1)} < 94 THEN 'changes_requested' "
            f"WHEN {h(100, 1)} < 97 THEN 'rejected' ELSE 'draft' END"
        )
        age = f"({h(365 * years, 2)} || ' days')::interval"
        insert(
            c,
            "sellers_seller",
            {
                "partner_id": "p.id",
                "name": "'Cơ sở OCOP ' || g",
                "slug": "'bench-' || g",
                "entity_type": f"{kinds}[1 + {h(10, 3)}]",
                "commune_id": f"{commune}[1 + {h(len(communes), 4)}]",
                "rep_name": "'Người đại diện ' || g",
                "rep_sex": f"CASE WHEN {h(100, 5)} < 2 THEN '' WHEN {h(2, 6)} = 0 THEN 'M' ELSE 'F' END",
                # 1 % without an ethnic group: a data-quality gap the dashboard lists.
                "rep_ethnic_group_id": f"CASE WHEN {h(100, 7)} < 1 THEN NULL "
                f"ELSE {ethnic}[1 + {h(100, 8)}] END",
                "status": status,
                "submitted_online": f"{h(100, 9)} >= 10",
                "decided_online": f"{h(100, 10)} >= 15",
                "created_at": f"now() - {age} - interval '10 days'",
                "submitted_at": f"now() - {age} - interval '8 days'",
                "verified_at": f"CASE WHEN {h(100, 1)} < 85 THEN now() - {age} ELSE NULL END",
                "decided_at": f"CASE WHEN {h(100, 1)} < 85 OR {h(100, 1)} BETWEEN 94 AND 96 "
                f"THEN now() - {age} ELSE NULL END",
            },
            f"{series} JOIN partner_partner p ON p.code = 'bp' || g",
        )
        seller_rows = "sellers_seller s WHERE s.slug LIKE 'bench-%%'"
        sg = "s.id"  # the per-row number for hashing below
        insert(
            c,
            "sellers_ocopcertificate",
            {
                "seller_id": "s.id",
                "product_name": "'Sản phẩm OCOP ' || s.id",
                "stars": f"3 + {h(3, 11, sg)}",
                "product_group": "'food'",
                "decision_number": "s.id || '/QĐ-UBND'",
                "level": "'province'",
                "issued_on": f"current_date - {h(1400, 12, sg)}::int",
                "expires_on": f"current_date - {h(1400, 12, sg)}::int + 1095",
                "approved": "true",
                "reviewed_at": f"now() - ({h(1400, 12, sg)} || ' days')::interval",
                "is_expired": "false",
            },
            f"{seller_rows} AND {h(100, 13, sg)} < 70",
        )
        c.execute("SELECT id FROM catalogue_productclass LIMIT 1")
        row = c.fetchone()
        if row is None:
            c.execute(
                "INSERT INTO catalogue_productclass (name, slug, requires_shipping, track_stock) "
                "VALUES ('Sản phẩm OCOP', 'san-pham-ocop', true, true) RETURNING id"
            )
            row = c.fetchone()
        verified = f"{seller_rows} AND s.status = 'verified'"
        insert(
            c,
            "catalogue_product",
            {
                "structure": "'standalone'",
                "upc": "'BP' || s.id || '-' || k",
                "title": "'Sản phẩm ' || s.id || '-' || k",
                "slug": "'san-pham-' || s.id || '-' || k",
                "product_class_id": str(row[0]),
                "seller_id": "s.id",
                "is_public": f"{h(100, 14, sg)} >= 15",
                "date_created": f"s.verified_at + ({h(200, 15, sg)} || ' days')::interval",
                "date_updated": "now()",
                "product_group": "'food'",
                "weight_grams": "500",
            },
            f"{verified.replace('WHERE', 'CROSS JOIN generate_series(1, 2) k WHERE')} "
            f"AND (k = 1 OR {h(2, 16, sg)} = 0)",
        )
        insert(
            c,
            "partner_stockrecord",
            {
                "partner_id": "s.partner_id",
                "product_id": "pr.id",
                "partner_sku": "pr.upc",
                "price_currency": "'VND'",
                "price": f"50000 + 1000 * {h(500, 17, 'pr.id')}",
                "num_in_stock": f"CASE WHEN {h(100, 18, 'pr.id')} < 10 THEN 0 ELSE 20 END",
                "num_allocated": "0",
                "date_created": "now()",
                "date_updated": "now()",
            },
            "catalogue_product pr JOIN sellers_seller s ON s.id = pr.seller_id WHERE pr.upc LIKE 'BP%%'",
        )
        insert(
            c,
            "sellers_externalshoplink",
            {
                "seller_id": "s.id",
                "platform": "'shopee'",
                "url": "'https://shopee.vn/bench' || s.id",
                "added_at": "s.verified_at",
                "confirmed_at": f"s.verified_at + ({h(300, 19, sg)} || ' days')::interval",
            },
            f"{verified} AND {h(100, 20, sg)} < 12",
        )
        insert(
            c,
            "payments_epaymentaccount",
            {
                "seller_id": "s.id",
                "kind": "'bank'",
                "bank_bin": "'970418'",
                "account_number": "lpad(s.id::text, 10, '0')",
                "holder_name": "'NGUOI DAI DIEN ' || s.id",
                "created_at": "s.verified_at",
                "verified_at": f"CASE WHEN {h(100, 21, sg)} < 75 THEN s.verified_at + interval '20 days' END",
                "verified_via": "'official'",
            },
            f"{verified} AND {h(100, 22, sg)} < 45",
        )
        heads, staff = n // 30, n // 150
        insert(
            c,
            "cms_villagehead",
            {
                "name": "'Trưởng bản ' || g",
                "sex": f"CASE WHEN {h(4, 23)} = 0 THEN 'F' ELSE 'M' END",
                "registered_on": f"current_date - {h(365 * years, 24)}::int",
                "commune_id": f"{commune}[1 + {h(len(communes), 25)}]",
                "village": "'Bản ' || g",
                "ethnic_group_id": f"{ethnic}[1 + {h(100, 26)}]",
                "role": "'village_head'",
                "created_at": "now()",
            },
            f"generate_series(1, {heads}) g",
        )
        insert(
            c,
            "cms_affairsstaff",
            {
                "name": "'Cán bộ ' || g",
                "sex": f"CASE WHEN {h(2, 27)} = 0 THEN 'F' ELSE 'M' END",
                "registered_on": f"current_date - {h(365 * years, 28)}::int",
                "unit": "'Phòng Văn hoá – Xã hội'",
                "level": f"CASE WHEN {h(10, 29)} = 0 THEN 'province' ELSE 'commune' END",
                "commune_id": f"CASE WHEN {h(10, 29)} = 0 THEN NULL "
                f"ELSE {commune}[1 + {h(len(communes), 30)}] END",
                "created_at": "now()",
            },
            f"generate_series(1, {staff}) g",
        )
        completion = {
            "course_title": "'Bán hàng trực tuyến'",
            "learner_name": "'Học viên'",
            "completed_at": "now()",
            "source": "'online'",
            "code": "substr(md5(random()::text), 1, 12)",
        }
        insert(
            c,
            "cms_coursecompletion",
            completion
            | {
                "audience": "'sellers'",
                "seller_id": "s.id",
                "completed_on": f"current_date - {h(900, 31, sg)}::int",
            },
            f"{verified} AND {h(100, 32, sg)} < 35",
        )
        insert(
            c,
            "cms_coursecompletion",
            completion
            | {
                "audience": "'leaders'",
                "village_head_id": "v.id",
                "completed_on": f"current_date - {h(900, 33, 'v.id')}::int",
            },
            f"cms_villagehead v WHERE {h(100, 34, 'v.id')} < 55",
        )
        insert(
            c,
            "cms_coursecompletion",
            completion
            | {
                "audience": "'staff'",
                "staff_id": "t.id",
                "completed_on": f"current_date - {h(900, 35, 't.id')}::int",
            },
            f"cms_affairsstaff t WHERE {h(100, 36, 't.id')} < 70",
        )
        # Orders: one part per order, spread over the years and the verified sellers' partners.
        c.execute(
            "CREATE TEMP TABLE bench_partners AS SELECT row_number() OVER () AS n, partner_id "
            "FROM sellers_seller WHERE status = 'verified' AND slug LIKE 'bench-%%'"
        )
        c.execute("SELECT count(*) FROM bench_partners")
        partners = c.fetchone()[0]
        insert(
            c,
            "order_order",
            {
                "number": "'B' || g",
                "currency": "'VND'",
                "total_incl_tax": f"80000 + 1000 * {h(900, 37)}",
                "total_excl_tax": f"80000 + 1000 * {h(900, 37)}",
                "shipping_incl_tax": "30000",
                "shipping_excl_tax": "30000",
                "shipping_method": "'Giao hàng tiêu chuẩn'",
                "shipping_code": "'standard'",
                "status": "'Complete'",
                "guest_email": "'khach' || g || '@example.vn'",
                "date_placed": f"now() - ({h(365 * years, 38)} || ' days')::interval",
            },
            f"generate_series(1, {n_orders}) g",
        )
        insert(
            c,
            "order_orderpart",
            {
                "order_id": "o.id",
                "partner_id": "bp.partner_id",
                "items_total": "o.total_incl_tax - 30000",
                "shipping_charge": "30000",
                "created_at": "o.date_placed",
            },
            f"order_order o JOIN bench_partners bp ON bp.n = 1 + {h(partners, 39, 'o.id')} "
            "WHERE o.number LIKE 'B%%'",
        )
    for table in ("sellers_seller", "sellers_ocopcertificate", "catalogue_product", "partner_stockrecord"):
        with connection.cursor() as c:
            c.execute(f'ANALYZE "{table}"')
    started = time.monotonic()
    cells = take_snapshot(today)
    print(
        f"  today's snapshot from the records (take_snapshot): {cells:,} cells "
        f"in {time.monotonic() - started:.1f} s"
    )
    # History: today's cells scaled along a growth curve (numerators from 20 %, denominators
    # from 60 % of today's, growing linearly), one row per cell and day.
    days = 365 * years
    scale = []
    for name in COUNTER_FIELDS:
        factor = "(0.2 + 0.8 * t)" if name.endswith("_num") else "(0.6 + 0.4 * t)"
        scale.append((name, f"round(c.{name} * {factor})::int"))
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL synchronous_commit = off")
        c.execute("SET LOCAL session_replication_role = replica")
        # Millions of rows: build the (date, commune) index once afterwards, not row by row.
        c.execute("DROP INDEX IF EXISTS indicators_cell_date_commune")
        insert(
            c,
            "indicators_snapshotcell",
            {
                "date": "d.day",
                "commune_id": "c.commune_id",
                "ethnic_group_id": "c.ethnic_group_id",
                "entity_type": "c.entity_type",
                "sex": "c.sex",
                **dict(scale),
            },
            f"indicators_snapshotcell c CROSS JOIN LATERAL (SELECT (current_date - k) AS day, "
            f"1 - k::numeric / {days} AS t FROM generate_series(1, {days}) k) d WHERE c.date = current_date",
        )
        # Province totals per day, summed from those cells (as take_snapshot does).
        sums = {name: f"sum({name})" for name in COUNTER_FIELDS}
        insert(
            c,
            "indicators_snapshottotal",
            {"date": "date", "ethnic_group_id": "ethnic_group_id", "entity_type": "entity_type", "sex": "sex"}
            | sums,
            "indicators_snapshotcell WHERE date < current_date "
            "GROUP BY date, ethnic_group_id, entity_type, sex",
        )
        insert(
            c,
            "indicators_snapshotday",
            {"date": "current_date - k", "taken_at": "now()"},
            f"generate_series(1, {days}) k",
        )
        started = time.monotonic()
        c.execute(
            'CREATE INDEX indicators_cell_date_commune ON "indicators_snapshotcell" ("date", "commune_id")'
        )
        print(f"  index on (date, commune): {time.monotonic() - started:.1f} s")
        c.execute('ANALYZE "indicators_snapshotcell"')
        c.execute('ANALYZE "indicators_snapshottotal"')
    print(f"  snapshots: {SnapshotDay.objects.count():,} days, {SnapshotCell.objects.count():,} cells")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--force", action="store_true", help="drop and rebuild the database")
    args = parser.parse_args()
    if args.force:
        import psycopg

        parts = urlparse(BENCH_URL)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')
    ensure_database(BENCH_URL)
    configure(BENCH_URL)
    from django.core.management import call_command

    from sellers.models import Seller

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if Seller.objects.filter(slug="bench-1").exists():
        print("synthetic province already there (use --force to rebuild)")
        return
    print(
        f"filling {BENCH_URL.rsplit('/', 1)[-1]}: {args.sellers:,} sellers, "
        f"{args.orders:,} orders, {args.years} years"
    )
    build(args.sellers, args.orders, args.years)
    print(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
