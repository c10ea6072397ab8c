"""The province's OCOP register at scale: importing a 10,000-row sheet, and the outreach worklist.

    .venv/bin/python -m benchmarks.register [--rows 10000] [--requests 20]

Runs against BENCH_PROVINCE_URL (the 100,000-entity province of ``benchmarks.make_province``)
with the benchmark settings. Builds a seeded sheet as provinces publish it (title rows, a
two-line merged header, pre-merger communes for a third of the rows), then times the preview,
the import (all rows in one transaction) and the same sheet imported again (nothing changes),
and the worklist page (server time p50/p95 and queries) for a province and a commune official.
"""

import argparse
import io
import time

from benchmarks.indicators import _configure, measure, official


def build_sheet(rows: int) -> bytes:
    from openpyxl import Workbook

    from marketplace.demo.register import OLD_UNITS
    from sellers.models import Commune

    communes = list(Commune.objects.values_list("name", flat=True))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN"])
    sheet.append(["DANH SÁCH SẢN PHẨM OCOP (bản tổng hợp)"])
    sheet.append([])
    sheet.append(
        [
            "TT",
            "Tên sản phẩm",
            "Nhóm sản phẩm",
            "Chủ thể",
            "Địa chỉ",
            None,
            None,
            "Người đại diện",
            "Giới tính",
            "Dân tộc",
            "Điện thoại",
            "Hạng sao",
            "Quyết định",
            None,
        ]
    )
    sheet.append(
        [None, None, None, None, "Thôn/bản", "Xã", "Huyện", None, None, None, None, None, "Số", "Ngày"]
    )
    groups = ["Thực phẩm", "Đồ uống", "Thảo dược", "Vải và may mặc"]
    subjects = max(1, rows * 6 // 10)
    for n in range(1, rows + 1):
        s = n % subjects
        commune = communes[s % len(communes)]
        old = OLD_UNITS.get(commune) if s % 3 == 0 else None
        place = old or (commune, "")
        sheet.append(
            [
                n,
                f"Sản phẩm {n}",
                groups[n % 4],
                f"Hộ kinh doanh số {s}",
                f"Bản {s % 40}",
                place[0],
                place[1],
                f"Người đại diện {s}",
                "Nam" if s % 2 else "Nữ",
                ["Mông", "Thái", "Kinh", "Dao"][s % 4],
                f"09{10_000_000 + s * 7919 % 89_999_999}" if s % 5 else "",
                f"{3 + n % 3} sao",
                f"{n}/QĐ-UBND",
                f"{1 + n % 28:02d}/{1 + n % 12:02d}/{2024 + n % 2}",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MATCH_HALF = """
WITH subject AS (
    SELECT id, commune_id, row_number() OVER (PARTITION BY commune_id ORDER BY id) AS n
    FROM sellers_registersubject WHERE seller_id IS NULL
), seller AS (
    SELECT id, commune_id, row_number() OVER (PARTITION BY commune_id ORDER BY id) AS n
    FROM sellers_seller s WHERE status = 'verified'
    AND NOT EXISTS (SELECT 1 FROM sellers_registersubject r WHERE r.seller_id = s.id)
)
UPDATE sellers_registersubject r SET seller_id = seller.id, matched_at = now()
FROM subject JOIN seller ON seller.commune_id = subject.commune_id AND seller.n = subject.n
WHERE r.id = subject.id AND subject.n % 2 = 0
"""


def match_half() -> int:
    """Every other subject of each commune matched to a verified seller there, as officials would
    have done by the time the province uses the worklist (half online, half still to reach)."""
    from django.db import connection

    from sellers.models import RegisterSubject

    with connection.cursor() as cursor:
        cursor.execute(MATCH_HALF)
        cursor.execute("ANALYZE sellers_registersubject")
    return RegisterSubject.objects.filter(seller__isnull=False).count()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    _configure()
    from django.test import Client

    from sellers.models import Commune, RegisterImport, RegisterSubject
    from sellers.register import imports
    from sellers.register import services as register

    province = official("bench.register.tinh")
    started = time.perf_counter()
    content = build_sheet(args.rows)
    print(
        f"sheet: {args.rows} rows, {len(content) / 1e6:.1f} MB, "
        f"built in {time.perf_counter() - started:.1f} s"
    )
    results = []
    for label in ("first import", "same sheet again"):
        started = time.perf_counter()
        job = register.preview_sheet(filename="bench.xlsx", content=content, official=province)
        preview_s = time.perf_counter() - started
        assert not job.errors, job.errors[:3]
        RegisterImport.objects.filter(pk=job.pk).update(status=RegisterImport.Status.QUEUED)
        started = time.perf_counter()
        job = imports.run_import(job.pk)  # the Celery task's work, timed in this process
        import_s = time.perf_counter() - started
        plan = job.plan
        results.append((label, preview_s, import_s, plan))
        print(
            f"{label}: preview {preview_s:.1f} s, import {import_s:.1f} s "
            f"(created {plan['created']}, updated {plan['updated']}, unchanged {plan['unchanged']})"
        )
    matched = match_half()
    print(f"register: {RegisterSubject.objects.count()} subjects, {matched} matched to verified sellers")
    client = Client()
    commune = Commune.objects.get(name="Tủa Chùa")
    for label, user in (
        ("worklist, province", province),
        ("worklist, commune", official("bench.register.xa", commune)),
    ):
        client.force_login(user)
        p50, p95, queries = measure(client, "/officials/indicators/worklist/", {}, args.requests)
        print(f"{label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {queries} queries")


if __name__ == "__main__":
    main()
