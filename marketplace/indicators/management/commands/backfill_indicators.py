"""`manage.py backfill_indicators --from 2025-01-01 [--to today]`: rebuild daily snapshots."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from marketplace.indicators.services import backfill


class Command(BaseCommand):
    help = "Tính lại bản chụp chỉ tiêu hằng ngày từ dữ liệu gốc cho một khoảng ngày."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", help="YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, start, end, no_progress, **options):
        try:
            start = date.fromisoformat(start)
            end = date.fromisoformat(end) if end else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Ngày không hợp lệ: {error}") from error
        if start > end:
            raise CommandError("--from phải trước --to")
        total = (end - start).days + 1
        with tqdm(total=total, unit="ngày", disable=no_progress, file=self.stderr._out) as bar:
            days = backfill(start, end, tick=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Đã chụp {days} ngày ({start} → {end})."))
