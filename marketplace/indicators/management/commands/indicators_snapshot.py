"""`manage.py indicators_snapshot [--date YYYY-MM-DD]`: take one day's snapshot now."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from marketplace.indicators.services import take_snapshot


class Command(BaseCommand):
    help = "Chụp số liệu chỉ tiêu của một ngày (mặc định hôm nay)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, default=None)

    def handle(self, *args, date=None, **options):
        day = date or timezone.localdate()
        cells = take_snapshot(day)
        self.stdout.write(f"{day}: {cells} ô số liệu")
