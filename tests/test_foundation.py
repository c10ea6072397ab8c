"""Foundation: money format, Vietnamese-first language, settings that refuse to start unsafely."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("language", ["vi", "en"])
def test_vnd_has_no_decimals_and_dot_thousands_in_both_languages(language):
    template = Template("{% load currency_filters %}{{ value|currency }}|{{ value|currency:'VND' }}")
    with translation.override(language):
        rendered = template.render(Context({"value": Decimal("125000")}))
    assert rendered.replace("\xa0", " ") == "125.000 ₫|125.000 ₫"


def test_vnd_rounds_to_whole_dong():
    with translation.override("en"):
        rendered = Template("{% load currency_filters %}{{ v|currency }}").render(
            Context({"v": Decimal("1234567.60")})
        )
    assert rendered.replace("\xa0", " ") == "1.234.568 ₫"


@pytest.mark.django_db
def test_default_request_is_vietnamese_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Giỏ hàng" in html
    assert response["Content-Language"] == "vi"


@pytest.mark.django_db
def test_set_language_switches_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Cart" in html
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert '<html lang="vi"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies["django_language"] = "xx"
    assert '<html lang="vi"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_storefront_pages_load_no_cdn_and_no_oscar_stylesheet(client):
    html = client.get("/").content.decode()
    assert "googleapis" not in html and "cdn" not in html.lower()
    assert "oscar/css/styles.css" not in html and "bootstrap" not in html
    assert "/static/css/site.css" in html
    assert "<script src" not in html  # the home page needs no JavaScript file at all
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html


def test_site_stylesheet_stays_small():
    assert (ROOT / "static/css/site.css").stat().st_size < 15 * 1024


def test_production_settings_refuse_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "environment" in result.stderr


@pytest.mark.django_db
def test_dashboard_keeps_its_own_assets_served_locally(admin_client):
    response = admin_client.get("/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "oscar/css/dashboard.css" in html and "/static/oscar/js/jquery/jquery.min.js" in html
    assert "googleapis" not in html and "site.css" not in html


def test_demo_settings_render_static_links_without_collectstatic(tmp_path):
    """`make demo` serves from the apps' static folders: a page with {% static %} must render."""
    script = (
        "import django; django.setup();"
        "from django.template import Template, Context;"
        "print(Template('{% load static %}{% static \"css/site.css\" %}').render(Context()))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings.dev"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "/static/css/site.css"
