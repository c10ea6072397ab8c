"""`manage.py seed_demo`: realistic, idempotent demo data for Chợ OCOP Điện Biên."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from marketplace.demo import data
from marketplace.demo.builders import Seeder
from marketplace.demo.indicators import make_realistic as make_indicators_realistic
from marketplace.demo.register import ensure_register
from marketplace.demo.signoff import sign_months
from marketplace.demo.training import ensure_training


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu Điện Biên: người bán, sản phẩm OCOP, đơn hàng, khoá học, tài khoản. "
        "Chạy lại an toàn (không tạo trùng)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument("--small", action="store_true", help="a third of the sellers and 30 orders")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, seed, small, no_progress, **options):
        started = time.monotonic()
        with tqdm(desc="seed_demo", unit="bước", disable=no_progress, file=self.stderr._out) as bar:
            seeder = Seeder(seed=seed, small=small, tick=bar.update)
            bar.total = seeder.plan.size
            logging.disable(logging.INFO)  # Wagtail's and Celery's per-page chatter would bury the bar
            try:
                with transaction.atomic():
                    seeder.run()
                    ensure_training(seeder)  # lessons, quizzes, registries, sessions (demo/training.py)
                    ensure_register(seeder)  # the province's OCOP register, imported (demo/register.py)
                    make_indicators_realistic(seeder.today, data.DEMO_SELLER_SLUG)  # demo/indicators.py, last
                sign_months(seeder)  # after the figures' refresh (demo/signoff.py)
            finally:
                logging.disable(logging.NOTSET)
        self.stdout.write(self.style.SUCCESS(summary(seeder, time.monotonic() - started)))
        self.stdout.write(logins_table())


def summary(seeder, seconds):
    return (
        f"Đã tạo dữ liệu mẫu trong {seconds:.1f} s: {len(seeder.sellers)} người bán, "
        f"{len(seeder.products)} sản phẩm, {seeder.plan.n_orders} đơn hàng."
    )


def logins_table():
    rows = [("Vai trò", "Email đăng nhập", "Mật khẩu", "Dùng để")]
    rows += [(role, email, data.DEMO_PASSWORD, what) for role, email, _first, _last, what in data.LOGINS]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    lines = [rule]
    for n, row in enumerate(rows):
        lines.append("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            lines.append(rule)
    lines += [
        rule,
        f"Mở {data.SITE_URL}  ·  quản trị: {data.SITE_URL}/dashboard/  ·  nội dung: {data.SITE_URL}/cms/",
    ]
    return "\n".join(lines)
