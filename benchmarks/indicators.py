"""Officials' dashboard on the large synthetic province: server time p50/p95 against 300 ms (DESIGN §6).

    .venv/bin/python -m benchmarks.indicators [--requests 40]

Runs against BENCH_PROVINCE_URL (filled by ``benchmarks.make_province``) with the benchmark
settings (DEBUG off). Each request goes through Django's whole stack in this process (session,
auth, middleware, view, template, SVG charts); the time is measured around the request, so it is
server time without network or browser. Three cases: a province official's whole province, the
same filtered to H'Mông households, and a commune official's own commune.
"""

import argparse
import os
import statistics
import time

BUDGET_MS = 300


def _configure():
    from benchmarks.make_province import BENCH_URL

    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ.setdefault("CONN_MAX_AGE", "60")
    import django

    django.setup()


def official(username, commune=None):
    from django.contrib.auth import get_user_model

    from sellers.models import OfficialProfile

    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@x.vn"}
    )
    OfficialProfile.objects.update_or_create(user=user, defaults={"commune": commune})
    return user


def measure(client, path, params, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm-up: connection, templates, caches
        assert client.get(path, params, SERVER_NAME="127.0.0.1").status_code == 200
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(path, params, SERVER_NAME="127.0.0.1")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(path, params, SERVER_NAME="127.0.0.1")
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    _configure()
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from marketplace.indicators.models import SnapshotCell, SnapshotDay
    from sellers.models import Commune, EthnicGroup, Seller

    sellers, days, cells = Seller.objects.count(), SnapshotDay.objects.count(), SnapshotCell.objects.count()
    print(f"indicators dashboard on {sellers:,} sellers, {days:,} snapshot days, {cells:,} snapshot cells")
    path = reverse("indicators:dashboard")
    hmong = EthnicGroup.objects.get(name="H'Mông").pk
    busiest = Seller.objects.values("commune").order_by().annotate(n=Count("pk")).order_by("-n").first()
    commune = Commune.objects.get(pk=busiest["commune"])
    cases = [
        ("province official, whole province", official("bench.tinh"), {}),
        (
            "province official, H'Mông households",
            official("bench.tinh"),
            {"ethnic": hmong, "type": "household"},
        ),
        (f"commune official ({commune.name})", official("bench.xa", commune), {}),
    ]
    failed = False
    for label, user, params in cases:
        client = Client()
        client.force_login(user)
        p50, p95, queries = measure(client, path, params, args.requests)
        verdict = "PASS" if p95 <= BUDGET_MS else "FAIL"
        failed |= verdict == "FAIL"
        print(
            f"  {label:45s} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {queries:2d} queries  "
            f"{verdict} (≤ {BUDGET_MS} ms)"
        )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
