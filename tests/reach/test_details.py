"""Small things a Vietnamese reader notices: phone format, vendor messages, page-type names, demo text."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext, pgettext

from cms.models import NewsIndexPage, NewsPage
from marketplace.core.templatetags.phone_tags import format_phone
from marketplace.demo import builders, data


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("+84912345678", "0912 345 678"),
        ("0912345678", "0912 345 678"),
        ("+84 215 3812 345", "0215 3812 345"),
        ("+14155552671", "+1 415-555-2671"),
        ("không phải số", "không phải số"),
        ("", ""),
        (None, ""),
    ],
)
def test_phone_numbers_as_vietnamese_write_them(raw, shown):
    assert format_phone(raw) == shown


def test_phone_filters_in_templates():
    html = Template('{% load phone_tags %}<a href="tel:{{ n|tel_href }}">{{ n|phone }}</a>').render(
        Context({"n": "0912345678"})
    )
    assert html == '<a href="tel:+84912345678">0912 345 678</a>'


# Aliases so that makemessages does not copy these vendor msgids into our own catalogue.
vendor_text, vendor_ptext = gettext, pgettext


def test_vendor_messages_in_vietnamese_and_english():
    with translation.override("vi"):
        with pytest.raises(ValidationError) as error:
            validate_password("ngan")
        assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in error.value.messages
        assert vendor_text("In stock (%d available)") % 134 == "Còn hàng (134 sản phẩm)"
        assert vendor_text("a maximum of %(max)d can be bought") % {"max": 3} == "chỉ còn 3 sản phẩm"
        assert vendor_ptext("Buy again", "Re-order") == "Mua lại"
        total = Template('{% include "oscar/basket/messages/new_total.html" %}').render(
            Context({"basket": _Basket()})
        )
        assert "Tổng giỏ hàng bây giờ là" in total
    with translation.override("en"):
        assert vendor_text("In stock (%d available)") % 2 == "In stock (2 available)"


class _Basket:
    is_empty = False
    is_tax_known = True
    total_incl_tax = 185000
    currency = "VND"


def test_wagtail_page_types_have_vietnamese_names():
    with translation.override("vi"):
        assert NewsIndexPage.get_verbose_name() == "Trang tin tức"
        assert NewsPage.get_verbose_name() == "Bài tin tức"


def test_demo_stories_keep_place_names_capitalised():
    row = next(r for r in data.SELLERS if r[4] == "Bản Mển")
    story = builders.seller_story(row, "Thái")
    assert "ở bản Mển," in story and "bản mển" not in story
    coffee = next(r for r in data.SELLERS if "ca_phe_rang_xay" in r[-1])
    assert "cà phê Mường Ảng" in builders.seller_story(coffee, None)


@pytest.mark.django_db
def test_seller_registration_says_the_password_rule_in_vietnamese(client):
    from sellers.models import Commune

    commune = Commune.objects.get(name="Tủa Chùa")
    form = {"phone": "0977123456", "password": "abc", "commune": commune.pk}
    response = client.post("/seller/register/", form)
    html = response.content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in html
    assert "too short" not in html


def test_one_spelling_of_khoa_hoc_across_the_site():
    """One spelling, "Khoá học" (tone mark on the main vowel, as the navigation and headings write
    it), in templates, Python strings and the catalogues' Vietnamese source strings."""
    import re
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    tracked = subprocess.run(
        [
            "git",
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "*.html",
            "*.py",
            "*.po",
            "*.txt",
            "*.js",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    other_spelling = re.compile("khóa", re.IGNORECASE)
    found = [
        f"{name}:{n}"
        for name in tracked
        if "/migrations/" not in name and name != "tests/reach/test_details.py"
        for n, line in enumerate((root / name).read_text(encoding="utf-8").splitlines(), start=1)
        if other_spelling.search(line) and not line.startswith(("#~", 'msgstr "'))
    ]
    assert found == []


@pytest.mark.django_db
def test_the_site_has_its_own_small_favicon_at_the_root(client):
    """Browsers ask for /favicon.ico on a first visit: a small icon, not a 404 on a slow link."""
    response = client.get("/favicon.ico")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert body[:4] == b"\x00\x00\x01\x00" and len(body) < 4096
    home = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico">' in home
