"""Where order placement's time goes: pyinstrument over N in-process guest orders (COD, 2 sellers).

    .venv/bin/python -m benchmarks.profile_checkout [--orders 20]

On the bench database (BENCH_DATABASE_URL), with benchmarks.settings. Each order is walked up
to the preview page outside the profile; only the place-order POST is profiled. Prints the
queries and ms per placement and pyinstrument's call tree.
"""

import argparse
import contextlib
import os
import time

from benchmarks.make_catalogue import BENCH_URL


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=20)
    parser.add_argument("--no-profile", action="store_true", help="time only (no profiler overhead)")
    args = parser.parse_args(argv)
    os.environ.update(DJANGO_SETTINGS_MODULE="benchmarks.settings", DATABASE_URL=BENCH_URL)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from pyinstrument import Profiler

    from benchmarks.checkout_load import ADDRESS, two_sellers_products

    products, _records = two_sellers_products(units=args.orders + 10)

    def ready_buyer(n):
        client = Client(HTTP_HOST="127.0.0.1")
        for product in products:
            client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        guest = {"username": f"profile{n}@example.com", "options": "anonymous"}
        client.post(reverse("checkout:index"), guest)
        client.post(reverse("checkout:shipping-address"), ADDRESS)
        client.get(reverse("checkout:shipping-method"))
        client.post(reverse("checkout:payment-method"), {"method": "cod"})
        return client

    ready_buyer(0).post(reverse("checkout:preview"), {"action": "place_order"})  # warm
    profiler, elapsed, queries = Profiler(interval=0.0005), 0.0, []
    if args.no_profile:
        profiler = contextlib.nullcontext()
    for n in range(1, args.orders + 1):
        client = ready_buyer(n)
        with profiler, CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post(reverse("checkout:preview"), {"action": "place_order"})
            elapsed += time.perf_counter() - started
        assert response.status_code == 302 and response["Location"].endswith("/thank-you/"), response
        queries.append(len(captured))
    print(f"place order: {elapsed * 1000 / args.orders:.1f} ms, {max(queries)} queries per placement")
    if not args.no_profile:
        print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=True))
    if os.environ.get("SHOW_SQL"):
        for q in captured.captured_queries:
            print(q["sql"][:200])


if __name__ == "__main__":
    main()
