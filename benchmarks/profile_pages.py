"""Where a storefront request's time goes: pyinstrument over N in-process requests per page.

    .venv/bin/python -m benchmarks.profile_pages [--requests 30] [--miss] [--signed-in]

On the bench database (BENCH_DATABASE_URL), with benchmarks.settings (DEBUG off, Redis).
By default pages are served from the page cache (a hit); --miss turns the page cache off to
see what rendering costs. Prints pyinstrument's call tree per page (time in ms per request).
"""

import argparse
import os
import time

from benchmarks.make_catalogue import BENCH_URL


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--miss", action="store_true", help="page cache off: profile the render")
    parser.add_argument("--signed-in", action="store_true")
    parser.add_argument("--pages", nargs="*")
    args = parser.parse_args(argv)
    os.environ.update(DJANGO_SETTINGS_MODULE="benchmarks.settings", DATABASE_URL=BENCH_URL)
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from oscar.core.loading import get_model
    from pyinstrument import Profiler

    from benchmarks.run import pick_products, pick_shops, signed_in_buyer

    Product = get_model("catalogue", "Product")
    settings.PAGE_CACHE = not args.miss
    product = Product.objects.get(pk=pick_products(1)[0])
    pages = args.pages or [
        "/catalogue/",
        "/search/?q=gao+dien+bien",
        product.get_absolute_url(),
        reverse("seller-shop", kwargs={"slug": pick_shops(1)[0].slug}),
        "/",
    ]
    client = signed_in_buyer()[0] if args.signed_in else Client(HTTP_HOST="127.0.0.1")
    for page in pages:
        client.get(page)  # warm: templates, caches
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        with profiler:
            for _ in range(args.requests):
                response = client.get(page)
        per = (time.perf_counter() - started) * 1000 / args.requests
        print(f"\n=== {page}  {per:.1f} ms/request  X-Page-Cache={response.get('X-Page-Cache')}")
        print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=True))


if __name__ == "__main__":
    main()
