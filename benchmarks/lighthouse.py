"""What a buyer's phone sees: Lighthouse 12.2 (mobile profile) on the demo data with photos.

Lighthouse's default configuration is the mobile one: a Moto G Power-sized screen, slow 4G
(simulated: 150 ms RTT, 1.6 Mbit/s) and a 4× slower CPU. It runs against the demo shop
(`seed_demo`: real product photos and their WebP thumbnails) in its own database
(BENCH_DATABASE_URL + "_demo"), served by gunicorn with DEBUG off, media served by Django
(production serves them from a web server or S3). Pages: home, catalogue, one product page,
and checkout with one item in the basket (a guest's basket cookie).

npm's `lighthouse` is pinned to 12.2.x in benchmarks/lighthouse/package.json (13 wants
Node 22) and installed there on first use; Chromium is Debian's (CHROME_PATH).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse, urlunparse

HERE = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
DEMO_MEDIA = "/tmp/ocop-bench-media-demo"
BUDGET = {"lcp_s": 2.5, "cls": 0.1, "weight_kb": 300, "score": 90}


def demo_url(bench_url):
    parsed = urlparse(bench_url)
    return urlunparse(parsed._replace(path=parsed.path.rstrip("/") + "_demo"))


def ensure_lighthouse():
    if LIGHTHOUSE.exists():
        return
    if shutil.which("npm") is None:
        raise RuntimeError("npm is missing: install Debian's nodejs and npm packages")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)


def env_for(url):
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL=url,
        MEDIA_ROOT=DEMO_MEDIA,
        CELERY_TASK_ALWAYS_EAGER="true",
    )


def ensure_demo_database(url, root):
    """Create, migrate and seed the demo database once (seed_demo is idempotent but slow)."""
    from benchmarks.make_catalogue import ensure_database

    created = ensure_database(url)
    env = env_for(url)
    python = str(root / ".venv/bin/python")
    marker = Path(DEMO_MEDIA) / ".seeded"
    if created or not marker.exists():
        subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=root, env=env, check=True)
        subprocess.run([python, "manage.py", "seed_demo", "--no-progress"], cwd=root, env=env, check=True)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()


def audit(url, extra_headers=None):
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--only-categories=performance",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update",
    ]
    if extra_headers:
        cmd.append(f"--extra-headers={json.dumps(extra_headers)}")
    for _attempt in range(3):
        done = subprocess.run(
            cmd, capture_output=True, text=True, env=dict(os.environ, CHROME_PATH=CHROME), timeout=300
        )
        # Now and then Chromium's trace misses the navigation start (NO_NAVSTART); Lighthouse
        # itself says to run it again.
        if done.returncode == 0 or "run Lighthouse again" not in done.stderr:
            break
    if done.returncode:
        raise RuntimeError(f"lighthouse {url} exited {done.returncode}: {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    audits = report["audits"]
    return {
        "score": round((report["categories"]["performance"]["score"] or 0) * 100),
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "weight_kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "requests": len(audits["network-requests"]["details"]["items"]),
        "final_url": report.get("finalDisplayedUrl") or report.get("finalUrl"),
    }


def run(start_server, stop_server, bench_url, root):
    """{page: figures} for home, catalogue, a product page and checkout on the demo shop."""
    ensure_lighthouse()
    url = demo_url(bench_url)
    ensure_demo_database(url, root)
    port, proc = start_server(env_for(url))
    try:
        from benchmarks.checkout_load import Buyer

        base = f"http://127.0.0.1:{port}"
        product_path = _first_product_path(url, root)
        buyer = Buyer(port)
        buyer.request("GET", product_path)
        pk = product_path.rstrip("/").rsplit("_", 1)[-1]
        buyer.request("POST", f"/basket/add/{pk}/", {"quantity": 1})
        cookie = "; ".join(f"{k}={v}" for k, v in buyer.cookies.items())
        pages = {
            "home": (base + "/", None),
            "catalogue": (base + "/catalogue/", None),
            "product": (base + product_path, None),
            "checkout": (base + "/checkout/", {"Cookie": cookie}),
        }
        results = {}
        for name, (page_url, headers) in pages.items():
            audit(page_url, headers)  # warm the page cache and the thumbnails' disk cache
            results[name] = audit(page_url, headers)
            r = results[name]
            print(
                f"  lighthouse {name:10} score {r['score']:3}  LCP {r['lcp_s']:.2f} s  "
                f"CLS {r['cls']:.3f}  {r['weight_kb']:.0f} KB",
                flush=True,
            )
        return results
    finally:
        stop_server(proc)


def _first_product_path(url, root):
    """The demo's top featured product (a photo, in stock), asked in a subprocess on the demo DB."""
    code = (
        "import django; django.setup()\n"
        "from marketplace.catalogue.selectors import featured_products\n"
        "print(featured_products(1)[0].get_absolute_url())\n"
    )
    python = str(root / ".venv/bin/python")
    out = subprocess.run(
        [python, "-c", code], cwd=root, env=env_for(url), capture_output=True, text=True, check=True
    )
    return out.stdout.strip().splitlines()[-1]


def main():
    """`python -m benchmarks.lighthouse`: only the phone figures (the full run is benchmarks.run)."""
    from benchmarks.make_catalogue import BENCH_URL
    from benchmarks.run import ROOT, free_port, start_gunicorn, stop

    def start(env):
        port = free_port()
        return port, start_gunicorn(port, env)

    run(start, stop, BENCH_URL, ROOT)


if __name__ == "__main__":
    main()
