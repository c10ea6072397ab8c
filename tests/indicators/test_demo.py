"""The demo province looks like the plan's starting point: every indicator between 10 % and 90 %,
history for trends, at least one lagging commune."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.indicators import report, selectors, services
from marketplace.indicators.selectors import Filters


@pytest.mark.django_db
def test_demo_indicators_sit_between_10_and_90_percent_with_history(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", no_progress=True, small=False, stdout=StringIO())
    day = selectors.latest_snapshot_on_or_before(timezone.localdate())
    assert day == timezone.localdate()
    built = report.build(day, Filters(), alert_points=services.alert_points())
    shares = {f.code: f.share for f in built.figures}
    assert all(share is not None and 10 <= share <= 90 for share in shares.values()), shares
    assert len(built.trend) >= 12
    i1 = [figures[0].share for _day, figures in built.trend if figures[0].share is not None]
    assert i1[0] < i1[-1]  # more entities sell online now than a year and a half ago
    assert built.lagging_count >= 1
