"""Measure the public pages against the DESIGN §6 budgets, side by side, in one run.

    .venv/bin/python -m benchmarks.make_catalogue     # once: 20,000 products in ocop_bench
    .venv/bin/python -m benchmarks.run [--seconds 7] [--concurrency 8]

1. In-process (Django test client + CaptureQueriesContext): SQL queries per page, and any
   INSERT/UPDATE/DELETE on a GET.
2. gunicorn (2 sync workers, benchmarks.settings: DEBUG off) on a free loopback port; a
   thread-based load generator (http.client) measures each endpoint twice:
   - throughput at --concurrency connections (default 8: the workers are saturated);
   - latency at --latency-concurrency connections (default 2 = one per worker: the server
     is kept busy but requests do not wait in gunicorn's backlog, so p50/p95 are the
     server's response time, not queueing). The latency budgets are checked on this phase;
     the p95 under 8 connections is printed too.
3. Page weight of a first visit (HTML + the CSS and JS it links), raw and gzip'd.

The load generator runs on the same machine as the server and takes CPU from it, so absolute
figures are lower than on a dedicated box; the ratios between endpoints are what §6 budgets.
"""

import argparse
import gzip
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlparse

from benchmarks.make_catalogue import BENCH_URL

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2

# §6 baselines for stock Oscar 4.2 at 20,000 products (measured earlier, quoted for context).
DESIGN_OSCAR_LIST_RPS = 27
DESIGN_OSCAR_SEARCH_S = 7.5
SLOW = 1.0  # seconds per request above which an endpoint gets the short treatment


# --------------------------------------------------------------------------- load generator


def _worker(port, paths, deadline, latencies, errors, lock):
    conn = None
    i = 0
    local, local_errors = [], 0
    while time.perf_counter() < deadline:
        path = paths[i % len(paths)]
        i += 1
        started = time.perf_counter()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers={"Accept-Encoding": "identity"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                local_errors += 1
            local.append(time.perf_counter() - started)
            if response.will_close:  # gunicorn's sync workers close after each response
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            local_errors += 1
            if conn is not None:
                conn.close()
            conn = None
    if conn is not None:
        conn.close()
    with lock:
        latencies.extend(local)
        errors[0] += local_errors


def load(port, paths, seconds, concurrency):
    latencies, errors, lock = [], [0], threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(target=_worker, args=(port, paths, deadline, latencies, errors, lock))
        for _ in range(concurrency)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))] * 1000

    return {
        "n": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(50),
        "p95": pct(95),
        "mean": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
        "errors": errors[0],
    }


# --------------------------------------------------------------------------- server


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env():
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="benchmarks.settings", DATABASE_URL=BENCH_URL)
    return env


def start_gunicorn(port):
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
    proc = subprocess.Popen(cmd, cwd=ROOT, env=server_env(), start_new_session=True)
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


def fetch(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "identity"})
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


def count_queries(paths):
    os.environ.update(server_env())
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, path in paths.items():
        client.get(path)  # warm caches (site, categories, templates) like a running server
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        writes = [q["sql"][:120] for q in ctx.captured_queries if WRITE.match(q["sql"])]
        results[name] = {"status": response.status_code, "queries": len(ctx), "writes": writes}
    return results


def pick_products(n=40):
    from django.db.models import Q
    from django.utils import timezone

    from marketplace.catalogue.selectors import listable_products

    qs = listable_products().filter(
        Q(ocop_stars__isnull=False) & Q(ocop_expires_on__gte=timezone.localdate())
    )
    return list(qs.order_by("?").values_list("pk", flat=True)[:n])


# --------------------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(description="DESIGN §6 benchmarks")
    parser.add_argument("--seconds", type=float, default=7, help="throughput phase per endpoint")
    parser.add_argument("--latency-seconds", type=float, default=4, help="latency phase per endpoint")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-concurrency", type=int, default=WORKERS)
    args = parser.parse_args(argv)

    os.environ.update(server_env())
    import django

    django.setup()
    from django.conf import settings

    assert not settings.DEBUG
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    total = Product.objects.count()
    product_ids = pick_products()
    if total < 1000 or not product_ids:
        sys.exit(f"{BENCH_URL} has {total} products: run `python -m benchmarks.make_catalogue` first")
    endpoints = [
        ("empty view (ceiling)", ["/bench/empty/"]),
        ("Oscar listing (stock, 20/page)", ["/bench/oscar-list/"]),
        ("Oscar product page (stock)", [f"/bench/oscar-product/{p}/" for p in product_ids]),
        ("catalogue /catalogue/", ["/catalogue/"]),
        ("catalogue 4★+ by rating", ["/catalogue/?stars=4&sort=rating"]),
        ("search 'gao dien bien'", ["/search/?q=gao+dien+bien"]),
        ("search 'GẠO ĐIỆN BIÊN'", ["/search/?q=" + quote("GẠO ĐIỆN BIÊN")]),
        ("search 'che shan tuyet'", ["/search/?q=che+shan+tuyet"]),
        ("search typo 'mat ongg rungg'", ["/search/?q=mat+ongg+rungg"]),
        ("product page", [f"/catalogue/p/{p}/" for p in product_ids]),
        ("home page", ["/"]),
    ]
    # Our product URL: whatever the project reverses for the product (slug_pk form).
    pages = {
        p.pk: p.get_absolute_url() for p in Product.objects.filter(pk__in=product_ids).only("pk", "slug")
    }
    endpoints[9] = ("product page", [pages[p] for p in product_ids])

    print(f"Database {BENCH_URL}: {total} products; gunicorn {WORKERS} sync workers; ", end="")
    print(f"{args.concurrency} connections × {args.seconds:g} s, latency at ", end="")
    print(f"{args.latency_concurrency} × {args.latency_seconds:g} s; {os.cpu_count()} CPUs\n")

    queries = count_queries({name: paths[0] for name, paths in endpoints})
    from django.db import connections

    connections.close_all()

    port = free_port()
    proc = start_gunicorn(port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `timeout` still stops gunicorn
    results, slow = {}, set()
    try:
        for name, paths in endpoints:
            # Every path once, one at a time (also creates stock Oscar's view-counter rows
            # before concurrent requests race to create them).
            started = time.perf_counter()
            for path in paths:
                status, _ = fetch(port, path)
                if status != 200:
                    sys.exit(f"{path}: HTTP {status}")
            slowest = (time.perf_counter() - started) / len(paths)
            if slowest > SLOW:
                # Seconds per request: a few requests at one per worker tell the story, and
                # 8 connections would only queue for minutes.
                thr = lat = load(port, paths, 1, args.latency_concurrency)
                slow.add(name)
            else:
                load(port, paths, 1, args.concurrency)  # warm-up: both workers, all caches
                thr = load(port, paths, args.seconds, args.concurrency)
                lat = load(port, paths, args.latency_seconds, args.latency_concurrency)
            results[name] = (thr, lat)
            print(
                f"  {name:32} {thr['rps']:8.1f} req/s  p95@{args.concurrency} {thr['p95']:7.1f} ms  "
                f"p50/p95@{args.latency_concurrency} {lat['p50']:6.1f}/{lat['p95']:6.1f} ms"
                f"{'  ERRORS ' + str(errors) if (errors := thr['errors'] + lat['errors']) else ''}",
                flush=True,
            )
        weights = {"home": page_weight(port, "/"), "catalogue": page_weight(port, "/catalogue/")}
    finally:
        stop(proc)

    report(endpoints, results, queries, weights, args, slow)


def report(endpoints, results, queries, weights, args, slow=()):
    c, lc = args.concurrency, args.latency_concurrency
    print(f"\n{'endpoint':34} {'req/s':>8} {'p50':>7} {'p95':>7} {f'p95@{c}':>8} {'SQL':>4} writes")
    for name, _paths in endpoints:
        thr, lat = results[name]
        q = queries[name]
        print(
            f"{name:34} {thr['rps']:8.1f} {lat['p50']:7.1f} {lat['p95']:7.1f} {thr['p95']:8.1f} "
            f"{q['queries']:4} {len(q['writes']) or '-'}"
            f"{'  (slow: 2 connections, 1 s)' if name in slow else ''}"
        )
    print(f"(req/s at {c} connections; p50/p95 in ms at {lc} connections; SQL = queries per request)")

    print("\nPage weight, first visit (HTML + linked CSS + JS; images not included):")
    for page, w in weights.items():
        detail = ", ".join(
            f"{k} {urlparse(u).path.rsplit('/', 1)[-1] or u} {len(b) / 1024:.1f}" for k, u, b in w["parts"]
        )
        print(f"  {page:10} {w['raw'] / 1024:6.1f} KB raw, {w['gzip'] / 1024:5.1f} KB gzip  ({detail})")
        if w["third_party"]:
            print(f"  {'':10} third-party: {w['third_party']}")

    empty = results["empty view (ceiling)"][0]["rps"]
    oscar = results["Oscar listing (stock, 20/page)"][0]["rps"]
    oscar_product = results["Oscar product page (stock)"][0]["rps"]
    cat = results["catalogue /catalogue/"][0]["rps"]
    prod = results["product page"][0]["rps"]
    searches = [n for n, _ in endpoints if n.startswith("search")]
    worst_search = max(searches, key=lambda n: results[n][1]["p95"])
    catalogue_names = [n for n, _ in endpoints if n.startswith("catalogue")]
    worst_cat = max(catalogue_names, key=lambda n: results[n][1]["p95"])
    checks = [
        ("catalogue ≥ 10× Oscar listing", f"{cat / oscar:.1f}×", cat >= 10 * oscar),
        ("catalogue ≥ 10% of empty view", f"{100 * cat / empty:.1f}%", cat >= 0.1 * empty),
        (
            "catalogue p95 ≤ 50 ms",
            f"{results[worst_cat][1]['p95']:.1f} ms ({worst_cat})",
            results[worst_cat][1]["p95"] <= 50,
        ),
        (
            "catalogue SQL ≤ 12",
            ", ".join(str(queries[n]["queries"]) for n in catalogue_names),
            all(queries[n]["queries"] <= 12 for n in catalogue_names),
        ),
        (
            "search p95 ≤ 50 ms",
            f"{results[worst_search][1]['p95']:.1f} ms ({worst_search})",
            results[worst_search][1]["p95"] <= 50,
        ),
        (
            "search ≥ 1000× Oscar simple backend",
            f"{DESIGN_OSCAR_SEARCH_S * 1000 / results[worst_search][1]['p50']:.0f}× (vs §6's 7.5 s)",
            DESIGN_OSCAR_SEARCH_S * 1000 / results[worst_search][1]["p50"] >= 1000,
        ),
        ("product page ≥ 5× stock Oscar's", f"{prod / oscar_product:.1f}×", prod >= 5 * oscar_product),
        (
            "product page SQL ≤ 12",
            str(queries["product page"]["queries"]),
            queries["product page"]["queries"] <= 12,
        ),
        (
            "no write on product GET",
            "; ".join(queries["product page"]["writes"]) or "none",
            not queries["product page"]["writes"],
        ),
    ]
    for page, w in weights.items():
        checks.append(
            (f"{page}: HTML+CSS+JS ≤ 150 KB (gzip)", f"{w['gzip'] / 1024:.1f} KB", w["gzip"] <= 150 * 1024)
        )
        checks.append((f"{page}: no third-party script", str(len(w["third_party"])), not w["third_party"]))
    print("\nBudgets (DESIGN §6):")
    for label, value, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label:38} {value}")
    print(
        f"\nFor reference: stock Oscar's listing here {oscar:.1f} req/s "
        f"(§6 quotes ≈ {DESIGN_OSCAR_LIST_RPS}); "
        f"its product page {oscar_product:.1f} req/s with {queries['Oscar product page (stock)']['queries']} "
        f"queries, writes: {len(queries['Oscar product page (stock)']['writes'])}."
    )
    return all(ok for _l, _v, ok in checks)


if __name__ == "__main__":
    main()
