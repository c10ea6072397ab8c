"""Order placement under load: guest buyers, cash on delivery, two sellers, limited stock.

Each of N concurrent buyers (threads, one cookie jar each, a new guest every round) walks
the real checkout over HTTP: product page, add one product of each of two sellers, guest
email, address, shipping, COD, place order. The place-order POST is timed. The two products
get fewer units than the buyers try to buy, so the last units are fought over: afterwards
no stock record may have more allocated than in stock, and the units in the placed orders
must equal what was allocated ("0 oversell").
"""

import http.client
import re
import threading
import time
from urllib.parse import urlencode

ADDRESS = {
    "first_name": "Nguyễn Thị Hoa",
    "phone_number": "0912345678",
    "state": "Hà Nội",
    "line4": "Phường Ba Đình",
    "line1": "12 phố Phan Đình Phùng",
    "notes": "",
}
COOKIE = re.compile(r"^([^=;]+)=([^;]*)")


class Buyer:
    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, data=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                m = COOKIE.match(header)
                if m:
                    self.cookies[m.group(1)] = m.group(2).strip('"')
            return response.status, response.getheader("Location", "")
        finally:
            conn.close()


def _flow(port, urls, products, n, results, lock, deadline):
    while time.perf_counter() < deadline:
        buyer = Buyer(port)
        n[0] += 1
        buyer.request("GET", urls["product_page"])
        for pk in products:
            buyer.request("POST", urls["add"].format(pk=pk), {"quantity": 1})
        steps = [
            ("POST", urls["index"], {"username": f"bench{n[0]}@example.com", "options": "anonymous"}),
            ("POST", urls["address"], ADDRESS),
            ("GET", urls["method"], None),
            ("POST", urls["payment"], {"method": "cod"}),
        ]
        for method, path, data in steps:
            buyer.request(method, path, data)
        started = time.perf_counter()
        status, location = buyer.request("POST", urls["preview"], {"action": "place_order"})
        elapsed = time.perf_counter() - started
        with lock:
            results.append((elapsed, status == 302 and location.endswith(urls["thank_you"])))


def two_sellers_products(units):
    """The first stock-tracked product of two sellers and its stock record, each record given
    `units` free units: ([product, product], [record, record])."""
    from oscar.core.loading import get_model

    from marketplace.catalogue.selectors import listable_products

    Country = get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "printable_name": "Việt Nam", "is_shipping_country": True},
    )
    first = listable_products().filter(product_class__track_stock=True).order_by("pk").first()
    second = (
        listable_products()
        .filter(product_class__track_stock=True)
        .exclude(seller=first.seller)
        .order_by("pk")
        .first()
    )
    products = [first, second]
    records = [product.stockrecords.order_by("price").first() for product in products]
    for record in records:
        record.num_in_stock = (record.num_allocated or 0) + units
        record.save()  # through the ORM: the cached pages learn of it (post_save)
    return products, records


def run(port, seconds=25, concurrency=8, units=100):
    """Set up two products with `units` free units each, drive the checkout, check stock."""
    from django.db.models import F, Sum
    from django.urls import reverse
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    Line = get_model("order", "Line")
    products, records = two_sellers_products(units)
    lines_before = {
        p.pk: Line.objects.filter(product=p).aggregate(n=Sum("quantity"))["n"] or 0 for p in products
    }
    allocated_before = {r.pk: r.num_allocated or 0 for r in records}

    urls = {
        "product_page": products[0].get_absolute_url(),
        "add": reverse("basket:add", kwargs={"pk": 999999999}).replace("999999999", "{pk}"),
        "index": reverse("checkout:index"),
        "address": reverse("checkout:shipping-address"),
        "method": reverse("checkout:shipping-method"),
        "payment": reverse("checkout:payment-method"),
        "preview": reverse("checkout:preview"),
        "thank_you": reverse("checkout:thank-you"),
    }
    results, lock, n = [], threading.Lock(), [0]
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(
            target=_flow, args=(port, urls, [p.pk for p in products], n, results, lock, deadline)
        )
        for _ in range(concurrency)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    oversold = []
    for product, record in zip(products, records, strict=True):
        record.refresh_from_db()
        sold = (Line.objects.filter(product=product).aggregate(n=Sum("quantity"))["n"] or 0) - lines_before[
            product.pk
        ]
        allocated = (record.num_allocated or 0) - allocated_before[record.pk]
        if (record.num_allocated or 0) > record.num_in_stock or sold != allocated or sold > units:
            oversold.append(f"{product.pk}: sold {sold}, allocated {allocated}, units {units}")
    if StockRecord.objects.filter(
        pk__in=[r.pk for r in records], num_allocated__gt=F("num_in_stock")
    ).exists():
        oversold.append("a stock record has more allocated than in stock")
    times = sorted(t for t, ok in results if ok)  # placed orders (a refusal is quicker)
    placed = sum(1 for _t, ok in results if ok)

    def pct(p):
        return (
            times[min(len(times) - 1, int(round(p / 100 * (len(times) - 1))))] * 1000
            if times
            else float("nan")
        )

    return {
        "attempts": len(results),
        "placed": placed,
        "p50": pct(50),
        "p95": pct(95),
        "units": units,
        "oversold": oversold,
    }


def main(argv=None):
    """Only this part of `make bench`: python -m benchmarks.checkout_load [--seconds 10]."""
    import argparse
    import os

    from benchmarks import run as bench

    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    os.environ.update(bench.server_env())
    import django

    django.setup()
    port = bench.free_port()
    proc = bench.start_gunicorn(port)
    try:
        figures = run(port, args.seconds, args.concurrency)
    finally:
        bench.stop(proc)
    print(
        f"order placement: {figures['placed']} placed of {figures['attempts']} tries, "
        f"p50/p95 {figures['p50']:.0f}/{figures['p95']:.0f} ms, oversold: {figures['oversold'] or 'none'}"
    )


if __name__ == "__main__":
    main()
