"""Hostile input on every public form and endpoint: a form error or a 4xx, never a 500, and
nothing already saved is lost.

Each form is read from its page as a browser would (html_forms.py), filled with good values,
then posted again with one field replaced by each hostile value. Every post runs in a savepoint
rolled back afterwards; when the form is refused, what was saved before must be unchanged.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from oscar.core.loading import get_model
from PIL import Image

from sellers.models import EthnicGroup, OcopCertificate, Seller

from .html_forms import form_data, page_forms
from .world import Browsers, build_world

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

TEXT = [
    "x" * 100_000,
    "\x00",
    "Chè\x00 Shan",
    "<script>alert(document.cookie)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE sellers_seller; --",
    "1 OR 1=1",
    "٠٩١٢١٠٠٠٠١",  # seller A's phone (0912100001) in Arabic-Indic digits
    "０９１２１００００１",  # and in full-width digits
    "09１２１００００１",  # and half switched: ASCII "09", then full-width
    "\u202e\u0000\ufeff",
    "",
]
NUMBERS = ["-1", "-99999999999999999999", "99999999999999999999", "1e309", "NaN", "0x10", "１０", "2.5"]
INVALID_UTF8 = b"\xff\xfe\xfd"  # bytes that are not UTF-8, sent as they are in the multipart body


def _broken_files():
    jpeg = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(jpeg, "JPEG")
    png_bomb = io.BytesIO()
    Image.new("1", (8000, 7500)).save(png_bomb, "PNG")
    return [
        ("empty.jpg", b""),
        ("note.jpg", b"just text, not a picture"),
        ("half.jpg", jpeg.getvalue()[: len(jpeg.getvalue()) // 2]),
        ("page.html.jpg", b"<html><script>alert(1)</script></html>"),
        ("bomb.png", png_bomb.getvalue()),
        ("a" * 300 + ".jpg", jpeg.getvalue()),
    ]


# (name, role, path of the page, index of its POST form, good values, attacked fields,
#  numeric fields, file fields, what must not change when the post is refused)
FORMS = [
    (
        "seller registration",
        "anonymous",
        lambda w: "/seller/register/",
        -1,
        lambda w: {"phone": "0912555000", "password": "Mat-khau-2025", "commune": w.pending_x.commune_id},
        ["phone", "password", "email", "commune"],
        [],
        [],
        lambda w: (Seller.objects.count(),),
    ),
    (
        "seller login",
        "anonymous",
        lambda w: "/seller/login/",
        -1,
        lambda w: {"username": "0912100001", "password": "sai"},
        ["username", "password"],
        [],
        [],
        lambda w: (),
    ),
    (
        "customer login",
        "anonymous",
        lambda w: "/accounts/login/",
        0,
        lambda w: {"login-username": "mua.a@example.vn", "login-password": "sai", "login_submit": "1"},
        ["login-username", "login-password"],
        [],
        [],
        lambda w: (),
    ),
    (
        "customer registration",
        "anonymous",
        lambda w: "/accounts/register/",
        0,
        lambda w: {"email": "moi@example.vn", "password1": "Mat-khau-2025", "password2": "Mat-khau-2025"},
        ["email", "password1"],
        [],
        [],
        lambda w: (),
    ),
    (
        "basket add",
        "anonymous",
        lambda w: w.product_a.get_absolute_url(),
        None,
        lambda w: {"quantity": "1"},
        [],
        ["quantity"],
        [],
        lambda w: _stock(w.product_a),
    ),
    (
        "review",
        "buyer_a",
        lambda w: f"/catalogue/{w.product_a.slug}_{w.product_a.pk}/reviews/add/",
        -1,
        lambda w: {"title": "Ngon", "score": "5", "body": "Chè thơm."},
        ["title", "body"],
        ["score"],
        [],
        lambda w: (w.product_a.reviews.count(),),
    ),
    (
        "product form",
        "seller_a",
        lambda w: f"/seller/products/{w.product_a.pk}/",
        -1,
        lambda w: {},
        ["title", "description", "product_group"],
        ["price", "stock", "weight_grams"],
        ["photo"],
        lambda w: _product(w.product_a),
    ),
    (
        "certificate form",
        "seller_a",
        lambda w: "/seller/certificates/new/",
        -1,
        lambda w: {
            "product_name": "Chè",
            "stars": "4",
            "product_group": "beverage",
            "decision_number": "1/QĐ",
            "level": "province",
            "issued_on": "2025-01-01",
            "expires_on": "2027-12-31",
        },
        ["product_name", "decision_number", "issued_on", "expires_on", "products"],
        ["stars"],
        ["scan"],
        lambda w: (OcopCertificate.objects.count(),),
    ),
    (
        "links form",
        "seller_a",
        lambda w: "/seller/links/",
        -1,
        lambda w: {"platform": "shopee", "url": "https://shopee.vn/ho-a-2"},
        ["platform", "url"],
        [],
        [],
        lambda w: (w.seller_a.external_links.count(),),
    ),
    (
        "order shipped",
        "seller_a",
        lambda w: f"/seller/orders/{w.part_a.pk}/",
        -1,
        lambda w: {"carrier": "VNPost", "tracking_code": "EB1"},
        ["carrier", "tracking_code"],
        [],
        [],
        lambda w: tuple(type(w.part_a).objects.filter(pk=w.part_a.pk).values_list("status", "carrier")),
    ),
    (
        "official decision",
        "official_x",
        lambda w: f"/officials/sellers/{w.pending_x.pk}/",
        -1,
        lambda w: {"decision": "request_changes", "reason": "Bổ sung ảnh"},
        ["decision", "reason"],
        [],
        [],
        lambda w: tuple(Seller.objects.filter(pk=w.pending_x.pk).values_list("status", "review_note")),
    ),
    (
        "assisted registration",
        "village_head",
        lambda w: "/seller/assist/new/",
        -1,
        lambda w: {"phone": "0912555001", "password": "Mat-khau-2025", "commune": w.pending_x.commune_id},
        ["phone", "email", "commune"],
        [],
        [],
        lambda w: (Seller.objects.count(),),
    ),
    (
        "identity step",
        "village_head",
        lambda w: f"/seller/assist/{w.draft_vh.pk}/step/5/",
        -1,
        lambda w: {"ethnic_group": _ethnic(), "citizen_id": "011080001234"},
        ["citizen_id", "ethnic_group"],
        [],
        [],
        lambda w: _identity(w.draft_vh),
    ),
    (
        "story step",
        "village_head",
        lambda w: f"/seller/assist/{w.draft_vh.pk}/step/6/",
        -1,
        lambda w: {"story": "Chè ngon."},
        ["story"],
        [],
        ["story_photo"],
        lambda w: _story(w.draft_vh),
    ),
]


def _ethnic():
    return EthnicGroup.objects.get(code="08").pk


def _stock(product):
    return tuple(StockRecord.objects.filter(product=product).values_list("num_in_stock", "num_allocated"))


def _product(product):
    fresh = Product.objects.get(pk=product.pk)
    return (fresh.title, fresh.description, fresh.product_group, _stock(product), fresh.images.count())


def _identity(seller):
    return tuple(Seller.objects.filter(pk=seller.pk).values_list("rep_citizen_id_hash", "rep_ethnic_group"))


def _story(seller):
    return tuple(Seller.objects.filter(pk=seller.pk).values_list("story", "story_photo"))


def _prepare_drafts(world):
    """The village head's draft has got as far as the identity and story steps."""
    from sellers import services

    services.save_shop(world.draft_vh, name="Hộ nháp", entity_type=Seller.EntityType.HOUSEHOLD)
    services.save_step(world.draft_vh, services.STEP_REPRESENTATIVE, rep_name="Người Nháp")
    services.record_consent(world.draft_vh)
    hmong = EthnicGroup.objects.get(code="08")
    services.save_identity(world.draft_vh, ethnic_group=hmong, citizen_id="011080005555")


def _good_photo():
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 120, 30)).save(out, "JPEG")
    return SimpleUploadedFile("anh.jpg", out.getvalue(), "image/jpeg")


def _post(browsers, role, target, data, files):
    """A multipart POST (as browsers send forms with files): good photos in the file fields."""
    body = {**data, **{f: _good_photo() for f in files if f not in data}}
    return browsers.client(role).post(target, body)


@pytest.mark.parametrize("spec", FORMS, ids=[f[0] for f in FORMS])
def test_hostile_values_in_every_field_give_a_form_error_or_4xx(spec):
    name, role, page, form_index, good, fields, numbers, files, snapshot = spec
    world = build_world()
    _prepare_drafts(world)
    browsers = Browsers(world)
    path = page(world)
    html = browsers.client(role).get(path).content.decode()
    if form_index is None:  # the product page's "add to basket" form posts elsewhere
        target = f"/basket/add/{world.product_a.pk}/"
        base = {}
    else:
        wanted = (fields or numbers or files)[0]  # the page's form that has the attacked fields
        posting = [
            f
            for f in page_forms(html)
            if f["method"] == "post" and any(n == wanted for n, _v, _k in f["fields"])
        ]
        assert posting, f"{name}: no form with {wanted} on {path}"
        form = posting[0]
        target = path if not form["action"] or form["action"].startswith("#") else form["action"]
        base = form_data(form)
    base.pop("csrfmiddlewaretoken", None)
    base.update({k: [str(v)] for k, v in good(world).items()})
    attacks = [(f, v) for f in fields for v in [*TEXT, INVALID_UTF8]]
    attacks += [(f, v) for f in numbers for v in [*NUMBERS, *TEXT[:3], INVALID_UTF8]]
    before = snapshot(world)
    problems = []
    with transaction.atomic():  # the good values alone are accepted: the attacks below test something
        good_post = _post(browsers, role, target, base, files)
        transaction.set_rollback(True)
    expected = 200 if "login" in name else 302
    errors = good_post.context["form"].errors if good_post.context and "form" in good_post.context else ""
    assert good_post.status_code == expected, f"{name}: the good values gave {good_post.status_code} {errors}"
    for field, value in attacks:
        data = {**base, field: [value]}
        with transaction.atomic():
            response = _post(browsers, role, target, data, files)
            problems += _judge(name, field, value, response, before, snapshot(world))
            transaction.set_rollback(True)
    for field in files:
        for filename, content in _broken_files():
            data = {**base, field: SimpleUploadedFile(filename, content, "image/jpeg")}
            with transaction.atomic():
                response = _post(browsers, role, target, data, files)
                problems += _judge(name, field, filename, response, before, snapshot(world))
                transaction.set_rollback(True)
    assert problems == [], "\n".join(problems)


def _judge(name, field, value, response, before, after):
    shown = "invalid UTF-8" if value == INVALID_UTF8 else repr(str(value)[:40])
    where = f"{name}: {field}={shown} -> {response.status_code}"
    if response.status_code >= 500:
        return [f"{where} (server error)"]
    if response.status_code == 200 and before and after != before:
        return [f"{where}: refused, yet what was saved changed: {before} -> {after}"]
    return []
