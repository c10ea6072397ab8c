"""Measure the public pages against the speed budgets (DESIGN §6), side by side, in one run.

    .venv/bin/python -m benchmarks.make_catalogue     # once: 20,000 products in ocop_bench
    .venv/bin/python -m benchmarks.run [--seconds 7] [--no-lighthouse] [--no-checkout]

1. In-process (Django test client + CaptureQueriesContext), page cache off: SQL queries per
   page and the time to render it (what a cache miss costs), and any INSERT/UPDATE/DELETE on
   a GET.
2. gunicorn (2 sync workers, benchmarks.settings: DEBUG off, Redis cache) on a free loopback
   port; `wrk` measures each endpoint (round-robin over its URLs) twice, interleaved with the
   baselines (the empty view, stock Oscar's listing and product page) in the same run:
   - throughput at --concurrency connections (default 8: the workers are saturated);
   - latency at --latency-concurrency connections (default 2 = one per worker: no queueing
     in gunicorn's backlog, so p50/p95 are the server's response time). Latency budgets are
     checked on this phase; the p95 at 8 connections is printed too.
   "signed in" rows send a buyer's session cookie (a basket with one item).
3. Page weight of a first visit (HTML + the CSS and JS it links), raw and gzip'd.
4. Order placement: 8 concurrent guest buyers through the real checkout (checkout_load.py),
   p95 of the place-order POST and the oversell check.
5. Lighthouse (mobile profile) on the demo shop with photos (lighthouse.py).

Figures go to stdout, benchmarks/results/latest.json and benchmarks/results/latest.md.
The load generator shares the machine with the server, so compare ratios, not absolutes.
"""

import argparse
import gzip
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlparse

from benchmarks import checkout_load, lighthouse
from benchmarks.load import ensure_wrk, load
from benchmarks.make_catalogue import BENCH_URL

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2

# §6 baselines for stock Oscar 4.2 at 20,000 products (measured earlier, quoted for context).
DESIGN_OSCAR_LIST_RPS = 27
SLOW = 1.0  # seconds per request above which an endpoint gets the short treatment


# --------------------------------------------------------------------------- server


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


RESULTS = ROOT / "benchmarks" / "results"


def server_env():
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="benchmarks.settings", DATABASE_URL=BENCH_URL)
    return env


def start_gunicorn(port, env=None):
    cmd = [
        str(ROOT / ".venv/bin/gunicorn"),
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--backlog",
        "256",
        "marketplace.wsgi:application",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env or server_env(), start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited with {proc.returncode}")
        try:
            status, _ = fetch(port, "/bench/empty/")
            if status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    sys.exit("gunicorn did not answer within 60 s")


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # gunicorn's own process group (start_new_session)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def fetch(port, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "identity", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# --------------------------------------------------------------------------- page weight


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.css, self.js = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])


def page_weight(port, path):
    status, html = fetch(port, path)
    assert status == 200, (path, status)
    parser = _Assets()
    parser.feed(html.decode("utf-8", "replace"))
    parts = [("html", path, html)]
    third_party = []
    for kind, urls in (("css", parser.css), ("js", parser.js)):
        for url in urls:
            absolute = urljoin(f"http://127.0.0.1:{port}{path}", url)
            parsed = urlparse(absolute)
            if parsed.hostname != "127.0.0.1":
                third_party.append(url)
                continue
            status, body = fetch(port, parsed.path + (f"?{parsed.query}" if parsed.query else ""))
            assert status == 200, (url, status)
            parts.append((kind, url, body))
    raw = sum(len(b) for _k, _u, b in parts)
    gz = sum(len(gzip.compress(b, 6)) for _k, _u, b in parts)
    return {"parts": parts, "raw": raw, "gzip": gz, "third_party": third_party}


# --------------------------------------------------------------------------- queries (in-process)

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)


def count_queries(paths, signed_in_client):
    """Queries, writes and render time per page with the page cache off (= a cache miss)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous = Client(HTTP_HOST="127.0.0.1")
    settings.PAGE_CACHE = False
    results = {}
    try:
        for name, (path, signed_in) in paths.items():
            client = signed_in_client if signed_in else anonymous
            client.get(path)  # warm caches (site, categories, templates) like a running server
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            writes = [q["sql"][:120] for q in ctx.captured_queries if WRITE.match(q["sql"])]
            results[name] = {
                "status": response.status_code,
                "queries": len(ctx),
                "writes": writes,
                "miss_ms": elapsed,
            }
    finally:
        settings.PAGE_CACHE = True
    return results


def signed_in_buyer():
    """A bench buyer signed in, one item in the basket: (test client, Cookie header)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from oscar.core.loading import get_model

    from marketplace.catalogue.selectors import listable_products

    Basket = get_model("basket", "Basket")
    user, _ = get_user_model().objects.get_or_create(
        username="bench-buyer", defaults={"email": "bench-buyer@example.com"}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    if not Basket.open.filter(owner=user, lines__isnull=False).exists():
        product = listable_products().filter(product_class__track_stock=True).order_by("pk").first()
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    cookie = "; ".join(f"{k}={m.value}" for k, m in client.cookies.items())
    return client, cookie


def pick_products(n=40):
    from django.db.models import Q
    from django.utils import timezone

    from marketplace.catalogue.selectors import listable_products

    qs = listable_products().filter(
        Q(ocop_stars__isnull=False) & Q(ocop_expires_on__gte=timezone.localdate())
    )
    return list(qs.order_by("?").values_list("pk", flat=True)[:n])


def pick_shops(n=10):
    from sellers.models import Seller

    return list(Seller.objects.verified().filter(products__isnull=False).distinct().order_by("pk")[:n])


# --------------------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(description="speed budgets (DESIGN §6)")
    parser.add_argument("--seconds", type=float, default=5, help="throughput phase per endpoint")
    parser.add_argument("--latency-seconds", type=float, default=3, help="latency phase per endpoint")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-concurrency", type=int, default=WORKERS)
    parser.add_argument("--checkout-seconds", type=float, default=25)
    parser.add_argument("--no-checkout", action="store_true", help="skip the order placement run")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse run")
    args = parser.parse_args(argv)
    ensure_wrk()

    os.environ.update(server_env())
    import django

    django.setup()
    from django.conf import settings
    from django.urls import reverse

    assert not settings.DEBUG
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    total = Product.objects.count()
    product_ids = pick_products()
    if total < 1000 or not product_ids:
        sys.exit(f"{BENCH_URL} has {total} products: run `python -m benchmarks.make_catalogue` first")
    pages = [p.get_absolute_url() for p in Product.objects.filter(pk__in=product_ids).only("pk", "slug")]
    shops = [reverse("seller-shop", kwargs={"slug": s.slug}) for s in pick_shops()]
    buyer_client, buyer_cookie = signed_in_buyer()
    # (name, paths, signed in): baselines first, then ours, all in the same run.
    endpoints = [
        ("empty view (ceiling)", ["/bench/empty/"], False),
        ("Oscar listing (stock, 20/page)", ["/bench/oscar-list/"], False),
        ("Oscar product page (stock)", [f"/bench/oscar-product/{p}/" for p in product_ids], False),
        ("catalogue /catalogue/", ["/catalogue/"], False),
        ("catalogue 4★+ by rating", ["/catalogue/?stars=4&sort=rating"], False),
        ("catalogue, signed in", ["/catalogue/"], True),
        ("catalogue 4★+, signed in", ["/catalogue/?stars=4&sort=rating"], True),
        ("search 'gao dien bien'", ["/search/?q=gao+dien+bien"], False),
        ("search 'GẠO ĐIỆN BIÊN'", ["/search/?q=" + quote("GẠO ĐIỆN BIÊN")], False),
        ("search 'che shan tuyet'", ["/search/?q=che+shan+tuyet"], False),
        ("search typo 'mat ongg rungg'", ["/search/?q=mat+ongg+rungg"], False),
        ("product page", pages, False),
        ("seller shop page", shops, False),
        ("home page", ["/"], False),
    ]

    print(f"Database {BENCH_URL}: {total} products; gunicorn {WORKERS} sync workers; wrk ", end="")
    print(f"{args.concurrency} connections × {args.seconds:g} s, latency at ", end="")
    print(f"{args.latency_concurrency} × {args.latency_seconds:g} s; {os.cpu_count()} CPUs; ", end="")
    print(f"load average {os.getloadavg()[0]:.1f}\n", flush=True)

    queries = count_queries({name: (paths[0], signed) for name, paths, signed in endpoints}, buyer_client)
    from django.db import connections

    connections.close_all()

    port = free_port()
    proc = start_gunicorn(port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `timeout` still stops gunicorn
    results, slow, checkout = {}, set(), None
    try:
        for name, paths, signed in endpoints:
            headers = {"Cookie": buyer_cookie} if signed else None
            # Every path once, one at a time: fills the page cache (and creates stock Oscar's
            # view-counter rows before concurrent requests race to create them).
            for path in paths:
                status, _ = fetch(port, path, headers)
                if status != 200:
                    sys.exit(f"{path}: HTTP {status}")
            # Seconds per request once warm (the first pass above filled the page cache).
            sample = paths[:3]
            started = time.perf_counter()
            for path in sample:
                fetch(port, path, headers)
            slowest = (time.perf_counter() - started) / len(sample)
            if slowest > SLOW:
                thr = lat = load(port, paths, 10, args.latency_concurrency, headers)
                slow.add(name)
            else:
                load(port, paths, 1, args.concurrency, headers)  # warm-up: both workers, all caches
                thr = load(port, paths, args.seconds, args.concurrency, headers)
                lat = load(port, paths, args.latency_seconds, args.latency_concurrency, headers)
            results[name] = (thr, lat)
            errors = thr["errors"] + lat["errors"]
            print(
                f"  {name:32} {thr['rps']:8.1f} req/s  p95@{args.concurrency} {thr['p95']:7.1f} ms  "
                f"p50/p95@{args.latency_concurrency} {lat['p50']:6.1f}/{lat['p95']:6.1f} ms"
                f"{'  ERRORS ' + str(errors) if errors else ''}",
                flush=True,
            )
        weights = {"home": page_weight(port, "/"), "catalogue": page_weight(port, "/catalogue/")}
        if not args.no_checkout:
            checkout = checkout_load.run(port, args.checkout_seconds, args.concurrency)
            print(
                f"  order placement: {checkout['placed']} placed of {checkout['attempts']} tries, "
                f"p50/p95 {checkout['p50']:.0f}/{checkout['p95']:.0f} ms, oversold: "
                f"{checkout['oversold'] or 'none'}",
                flush=True,
            )
    finally:
        stop(proc)

    phone = None
    if not args.no_lighthouse:
        print("\nLighthouse (mobile: slow 4G, 4× CPU) on the demo shop with photos:", flush=True)

        def start(env):
            p = free_port()
            return p, start_gunicorn(p, env)

        phone = lighthouse.run(start, stop, BENCH_URL, ROOT)

    ok = report(endpoints, results, queries, weights, args, slow, checkout, phone)
    sys.exit(0 if ok else 1)


# --------------------------------------------------------------------------- report


def budgets(results, queries, weights, checkout, phone):
    """(label, value, ok) for every budget of DESIGN §6 measured here."""
    rps = {name: thr["rps"] for name, (thr, _lat) in results.items()}
    p95 = {name: lat["p95"] for name, (_thr, lat) in results.items()}
    empty = rps["empty view (ceiling)"]
    # max(): a baseline that completed nothing in its window must not divide by zero.
    oscar = max(rps["Oscar listing (stock, 20/page)"], 1e-3)
    oscar_product = max(rps["Oscar product page (stock)"], 1e-3)
    anon_catalogue = ["catalogue /catalogue/", "catalogue 4★+ by rating"]
    signed_catalogue = ["catalogue, signed in", "catalogue 4★+, signed in"]
    searches = [n for n in results if n.startswith("search")]
    checks = []
    for name in anon_catalogue:
        checks += [
            (f"{name} ≥ 25× Oscar listing", f"{rps[name] / oscar:.1f}×", rps[name] >= 25 * oscar),
            (f"{name} ≥ 30% of empty view", f"{100 * rps[name] / empty:.1f}%", rps[name] >= 0.3 * empty),
            (f"{name} p95 ≤ 30 ms", f"{p95[name]:.1f} ms", p95[name] <= 30),
        ]
    for name in signed_catalogue:
        checks.append((f"{name} ≥ 10× Oscar listing", f"{rps[name] / oscar:.1f}×", rps[name] >= 10 * oscar))
    for name in searches:
        checks += [
            (f"{name} ≥ 10× Oscar listing", f"{rps[name] / oscar:.1f}×", rps[name] >= 10 * oscar),
            (f"{name} p95 ≤ 50 ms", f"{p95[name]:.1f} ms", p95[name] <= 50),
        ]
    prod = rps["product page"]
    product_sql = queries["product page"]
    checks += [
        ("product page ≥ 10× stock Oscar's", f"{prod / oscar_product:.1f}×", prod >= 10 * oscar_product),
        ("product page ≥ 30% of empty view", f"{100 * prod / empty:.1f}%", prod >= 0.3 * empty),
        ("product page SQL ≤ 12 (cache miss)", str(product_sql["queries"]), product_sql["queries"] <= 12),
        ("no write on product GET", "; ".join(product_sql["writes"]) or "none", not product_sql["writes"]),
        (
            "home page ≥ 30% of empty view",
            f"{100 * rps['home page'] / empty:.1f}%",
            rps["home page"] >= 0.3 * empty,
        ),
    ]
    listing_sql = [queries[n]["queries"] for n in anon_catalogue + signed_catalogue + searches]
    checks.append(
        ("catalogue/search SQL ≤ 12 (cache miss)", ", ".join(map(str, listing_sql)), max(listing_sql) <= 12)
    )
    if checkout is not None:
        checks += [
            (
                "order placement p95 ≤ 250 ms at 8 buyers",
                f"{checkout['p95']:.0f} ms ({checkout['placed']} orders)",
                checkout["placed"] > 0 and checkout["p95"] <= 250,
            ),
            ("order placement: 0 oversell", "; ".join(checkout["oversold"]) or "0", not checkout["oversold"]),
        ]
    for page, w in weights.items():
        checks.append(
            (f"{page}: HTML+CSS+JS ≤ 150 KB (gzip)", f"{w['gzip'] / 1024:.1f} KB", w["gzip"] <= 150 * 1024)
        )
        checks.append((f"{page}: no third-party script", str(len(w["third_party"])), not w["third_party"]))
    b = lighthouse.BUDGET
    for page, f in (phone or {}).items():
        checks += [
            (f"phone {page}: LCP ≤ {b['lcp_s']} s", f"{f['lcp_s']:.2f} s", f["lcp_s"] <= b["lcp_s"]),
            (f"phone {page}: CLS ≤ {b['cls']}", f"{f['cls']:.3f}", f["cls"] <= b["cls"]),
            (
                f"phone {page}: weight ≤ {b['weight_kb']} KB",
                f"{f['weight_kb']:.0f} KB",
                f["weight_kb"] <= b["weight_kb"],
            ),
            (f"phone {page}: Lighthouse score ≥ {b['score']}", str(f["score"]), f["score"] >= b["score"]),
        ]
    return checks


def report(endpoints, results, queries, weights, args, slow=(), checkout=None, phone=None):
    c, lc = args.concurrency, args.latency_concurrency
    lines = [
        f"{'endpoint':34} {'req/s':>8} {'p50':>7} {'p95':>7} {f'p95@{c}':>8} {'SQL':>4} {'miss':>6} writes"
    ]
    for name, _paths, _signed in endpoints:
        thr, lat = results[name]
        q = queries[name]
        lines.append(
            f"{name:34} {thr['rps']:8.1f} {lat['p50']:7.1f} {lat['p95']:7.1f} {thr['p95']:8.1f} "
            f"{q['queries']:4} {q['miss_ms']:6.1f} {len(q['writes']) or '-'}"
            f"{'  (slow: 2 connections, 10 s)' if name in slow else ''}"
        )
    lines.append(
        f"(req/s at {c} connections; p50/p95 in ms at {lc} connections; SQL and miss = queries and "
        "in-process ms of one render with the page cache off)"
    )
    lines.append("\nPage weight, first visit (HTML + linked CSS + JS; images not included):")
    for page, w in weights.items():
        detail = ", ".join(
            f"{k} {urlparse(u).path.rsplit('/', 1)[-1] or u} {len(b) / 1024:.1f}" for k, u, b in w["parts"]
        )
        lines.append(
            f"  {page:10} {w['raw'] / 1024:6.1f} KB raw, {w['gzip'] / 1024:5.1f} KB gzip  ({detail})"
        )
        if w["third_party"]:
            lines.append(f"  {'':10} third-party: {w['third_party']}")
    if checkout is not None:
        lines.append(
            f"\nOrder placement ({c} concurrent guest buyers, COD, 2 sellers, {args.checkout_seconds:g} s): "
            f"{checkout['placed']} orders of {checkout['attempts']} tries (each product had "
            f"{checkout['units']} units), place-order p50/p95 {checkout['p50']:.0f}/{checkout['p95']:.0f} ms"
        )
    if phone:
        lines.append("\nLighthouse 12.2, mobile (slow 4G, 4× CPU), demo shop with photos:")
        for page, f in phone.items():
            lines.append(
                f"  {page:10} score {f['score']:3}  LCP {f['lcp_s']:.2f} s  CLS {f['cls']:.3f}  "
                f"{f['weight_kb']:.0f} KB in {f['requests']} requests"
            )
    checks = budgets(results, queries, weights, checkout, phone)
    lines.append("\nBudgets (DESIGN §6):")
    for label, value, ok in checks:
        lines.append(f"  {'PASS' if ok else 'FAIL'}  {label:44} {value}")
    oscar = results["Oscar listing (stock, 20/page)"][0]["rps"]
    lines.append(
        f"\nFor reference: stock Oscar's listing here {oscar:.1f} req/s "
        f"(§6 quotes ≈ {DESIGN_OSCAR_LIST_RPS}); "
        f"its product page {results['Oscar product page (stock)'][0]['rps']:.1f} req/s with "
        f"{queries['Oscar product page (stock)']['queries']} queries, "
        f"writes: {len(queries['Oscar product page (stock)']['writes'])}."
    )
    text = "\n".join(lines)
    print("\n" + text)

    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_note = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the end"
    (RESULTS / "latest.md").write_text(
        f"# `make bench`, {stamp}\n\n{load_note}; database {urlparse(BENCH_URL).path.lstrip('/')}.\n\n"
        f"```\n{text}\n```\n"
    )
    data = {
        "when": stamp,
        "load": load_note,
        "endpoints": {
            name: {"throughput": results[name][0], "latency": results[name][1], **queries[name]}
            for name, _p, _s in endpoints
        },
        "weights": {
            p: {"raw": w["raw"], "gzip": w["gzip"], "third_party": w["third_party"]}
            for p, w in weights.items()
        },
        "checkout": checkout,
        "lighthouse": phone,
        "budgets": [{"label": label, "value": value, "pass": ok} for label, value, ok in checks],
    }
    (RESULTS / "latest.json").write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return all(ok for _l, _v, ok in checks)


if __name__ == "__main__":
    main()
