"""The shared page cache (marketplace/catalogue/pagecache.py) is correct, not just fast.

Pages are cached for everybody; each request fills in its own CSRF token, basket count,
account links and messages. These tests go through the real middleware stack with CSRF
checks on, several clients standing for several visitors.
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from marketplace.core import holes

from .conftest import add_to_basket

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BASKET = re.compile(r"data-basket-count>(\d+)<")


@pytest.fixture
def rice(shop):
    seller = shop.seller("HTX Gạo Thanh Xương", commune="Thanh Yên")
    product = shop.product(seller, "Gạo tám thơm Điện Biên", 45000, stock=5, stars=4)
    # A photo too, so that the home page's featured row (photo + valid OCOP rating) shows it.
    photo = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 180, 90)).save(photo, "JPEG")
    image = SimpleUploadedFile("gao.jpg", photo.getvalue())
    get_model("catalogue", "ProductImage").objects.create(product=product, original=image)
    return product


def get(client, url):
    response = client.get(url)
    html = response.content.decode()
    assert CSRF_LEFTOVERS.search(html) is None, "a marker or sentinel reached the browser"
    return response, html


CSRF_LEFTOVERS = re.compile(re.escape(holes.PREFIX))  # every marker and sentinel starts with it


def basket_count(html):
    return int(BASKET.search(html).group(1))


@pytest.mark.parametrize("page", ["catalogue", "search", "product", "shop", "home"])
def test_second_visitor_gets_the_cached_page_with_a_token_of_their_own(shop, rice, page):
    url = {
        "catalogue": reverse("catalogue:index"),
        "search": reverse("search:search") + "?q=gao",
        "product": rice.get_absolute_url(),
        "shop": reverse("seller-shop", kwargs={"slug": rice.seller.slug}),
        "home": "/",
    }[page]
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    response, html1 = get(first, url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    response, html2 = get(second, url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert rice.title in html2
    tokens1, tokens2 = set(TOKEN.findall(html1)), set(TOKEN.findall(html2))
    assert tokens1 and tokens2 and not tokens1 & tokens2  # nobody's token is baked into the page
    assert "csrftoken" in response.cookies  # the token in the page belongs to this cookie


@pytest.mark.parametrize("page", ["catalogue", "product"])
def test_inline_scripts_of_a_cached_page_carry_each_responses_own_csp_nonce(rice, page):
    """Each visitor of a shared page gets a nonce of its own; any inline script carries it (the
    storefront has none today: every control is a plain form), never the first visitor's."""
    url = reverse("catalogue:index") if page == "catalogue" else rice.get_absolute_url()
    nonces = []
    for visitor in (Client(), Client()):
        response, html = get(visitor, url)
        header_nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        script_nonces = set(re.findall(r'<script nonce="([^"]+)"', html))
        assert script_nonces <= {header_nonce}, (response.get("X-Page-Cache"), script_nonces)
        assert holes.NONCE_SENTINEL not in html and all(n not in html for n in nonces)
        nonces.append(header_nonce)
    assert response["X-Page-Cache"] == "hit" and nonces[0] != nonces[1]


def test_a_shared_pages_nonce_marker_is_filled_with_the_visitors_own_nonce(rf):
    request = rf.get("/")
    request.csp_nonce = "abc123"
    shared = f'<script nonce="{holes.NONCE_SENTINEL}">x()</script>'
    assert holes.fill(request, shared) == '<script nonce="abc123">x()</script>'


def test_cached_pages_add_to_basket_form_works_with_csrf_on(rice):
    url = reverse("catalogue:index")
    Client().get(url)  # someone else's visit fills the cache
    buyer = Client(enforce_csrf_checks=True)
    response, html = get(buyer, url)
    assert response["X-Page-Cache"] == "hit" and basket_count(html) == 0
    card_form = (
        r'<form data-form="card-buy" class="card-buy" action="([^"]+)" method="post">'
        r'\s*<input[^>]*value="([^"]+)"'
    )
    form = re.search(card_form, html)
    action, token = form.groups()
    assert action == reverse("basket:add", kwargs={"pk": rice.pk})
    assert buyer.post(action, {"quantity": 1}).status_code == 403  # CSRF is still on
    assert buyer.post(action, {"quantity": 1, "csrfmiddlewaretoken": token}).status_code == 302
    response, html = get(buyer, url)
    assert response["X-Page-Cache"] == "hit" and basket_count(html) == 1
    _, html = get(Client(), url)
    assert basket_count(html) == 0  # the next anonymous visitor's basket is their own


def test_signed_in_buyers_never_see_each_others_page_or_basket(django_user_model, rice):
    url = rice.get_absolute_url()
    alice, bob = Client(), Client()
    for client, name in ((alice, "alice"), (bob, "bob")):
        user = django_user_model.objects.create_user(
            username=name, email=f"{name}@example.com", password="pw-123456"
        )
        client.force_login(user)
    add_to_basket(alice, rice, 2)
    response, alice_html = get(alice, url)
    assert basket_count(alice_html) == 2
    account = f'href="{reverse("customer:summary")}"'
    assert account in alice_html
    response, bob_html = get(bob, url)
    assert response["X-Page-Cache"] == "hit"
    assert basket_count(bob_html) == 0
    assert account in bob_html and reverse("customer:login") not in bob_html
    # Alice's "added to basket" message was hers: it was shown to her once and to nobody else.
    assert "alert" in alice_html and "alert-" not in bob_html
    _, anonymous_html = get(Client(), url)
    assert basket_count(anonymous_html) == 0
    assert reverse("customer:login") in anonymous_html and account not in anonymous_html


def test_price_stock_and_visibility_changes_show_on_the_next_request(
    rice, django_capture_on_commit_callbacks
):
    product_url, list_url = rice.get_absolute_url(), reverse("catalogue:index")
    visitor = Client()
    for url in (product_url, list_url):
        get(visitor, url)
        assert get(visitor, url)[0]["X-Page-Cache"] == "hit"

    record = rice.stockrecords.get()
    record.price = 52000
    record.save()
    for url in (product_url, list_url):
        html = get(visitor, url)[1]
        assert "52.000" in html and "45.000" not in html

    with django_capture_on_commit_callbacks(execute=True):  # a checkout elsewhere commits: 2 left
        record.allocate(3)
    assert "còn 2" in get(visitor, product_url)[1]
    record.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):  # sold out
        record.allocate(2)
    assert "Hết hàng" in get(visitor, product_url)[1]
    assert rice.title not in get(visitor, list_url)[1]

    record.num_in_stock = 10
    record.save()
    assert rice.title in get(visitor, list_url)[1]
    rice.is_public = False
    rice.save()
    assert visitor.get(product_url).status_code == 404
    assert rice.title not in get(visitor, list_url)[1]


def test_a_sale_that_leaves_stock_keeps_pages_cached_and_the_product_page_shows_the_live_count(
    rice, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """Every order allocates stock: that must not throw away every cached page of the shop."""
    product_url, list_url = rice.get_absolute_url(), reverse("catalogue:index")
    visitor = Client()
    for url in (product_url, list_url):
        get(visitor, url)
    with django_assert_max_num_queries(0):  # the units left come with the page from the cache
        assert "còn 5" in get(visitor, product_url)[1]
    with django_capture_on_commit_callbacks(execute=True):  # the order commits: 2 of 5 left
        rice.stockrecords.get().allocate(3)
    response, html = get(visitor, product_url)
    assert response["X-Page-Cache"] == "hit"
    assert "còn 2" in html and 'max="2"' in html
    assert get(visitor, list_url)[0]["X-Page-Cache"] == "hit"


def test_each_language_has_its_own_cached_page(rice):
    url = reverse("catalogue:index")
    english = Client()
    english.cookies["django_language"] = "en"
    get(Client(), url)
    response, html = get(english, url)
    assert response["X-Page-Cache"] == "miss"
    assert 'lang="en"' in html and "Add to cart" in html
    assert 'lang="vi"' in get(Client(), url)[1]


def test_staff_pages_are_never_cached(admin_client, rice):
    url = rice.get_absolute_url()
    Client().get(url)
    response = admin_client.get(url)
    assert "X-Page-Cache" not in response and response.context is not None


def test_a_page_with_its_own_warning_is_not_cached(rice):
    url = reverse("catalogue:index") + "?stars=abc"
    for _ in range(2):
        response, html = get(Client(), url)
        assert response["X-Page-Cache"] == "miss"
        assert "bộ lọc không hợp lệ" in html


def test_a_cached_hit_costs_no_query_for_an_anonymous_visitor(rice, django_assert_max_num_queries):
    url = reverse("catalogue:index")
    Client().get(url)
    with django_assert_max_num_queries(0):
        assert Client().get(url)["X-Page-Cache"] == "hit"


def test_a_signed_in_hit_costs_only_the_personal_parts(
    django_user_model, rice, django_assert_max_num_queries
):
    url = rice.get_absolute_url()
    Client().get(url)
    client = Client()
    client.force_login(
        django_user_model.objects.create_user(username="c", email="c@example.com", password="pw-123456")
    )
    add_to_basket(client, rice)
    client.get(url)  # shows (and so clears) the "added" message
    # Session, user, basket count, review permission (the account links and the units left
    # come from the cache).
    with django_assert_max_num_queries(4):
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_review_button_is_personal_on_a_cached_product_page(shop, django_user_model):
    from .conftest import ADDRESS, place_order

    honey = shop.product(shop.seller("HTX Mật ong"), "Mật ong bạc hà")
    url = honey.get_absolute_url()
    write_review = reverse(
        "catalogue:reviews-add", kwargs={"product_slug": honey.slug, "product_pk": honey.pk}
    )
    buyer = Client()
    user = django_user_model.objects.create_user(username="r", email="r@example.com", password="pw-1")
    buyer.force_login(user)
    add_to_basket(buyer, honey)
    buyer.get(reverse("checkout:index"))
    buyer.post(reverse("checkout:shipping-address"), {**ADDRESS})
    buyer.get(reverse("checkout:shipping-method"))
    buyer.post(reverse("checkout:payment-method"), {"method": "cod"})
    assert place_order(buyer).status_code == 302

    _, html = get(Client(), url)
    assert write_review not in html and "Chỉ người đã mua" in html
    response, html = get(buyer, url)
    assert response["X-Page-Cache"] == "hit" and write_review in html
    review = {"score": 5, "title": "Mật thơm", "body": "Mật ong bạc hà thơm, đóng gói cẩn thận."}
    assert buyer.post(write_review, review).status_code == 302
    _, html = get(buyer, url)
    assert "Mật thơm" in html and write_review not in html  # the new review shows at once


def test_a_new_role_shows_in_the_cached_header_on_the_next_page(shop, django_user_model, rice):
    user = django_user_model.objects.create_user(username="s", email="s@example.com", password="pw-1")
    client = Client()
    client.force_login(user)
    url = rice.get_absolute_url()
    workspace = f'<a href="{reverse("sellers:home")}">Bán hàng</a>'
    assert workspace not in get(client, url)[1]
    assert workspace not in get(client, url)[1]  # the account links are cached now
    seller = shop.seller("HTX mới")
    seller.user = user
    seller.save()
    assert workspace in get(client, url)[1]


def test_first_row_of_photos_is_not_lazy_and_every_photo_has_a_webp_srcset(shop):
    from oscar.core.loading import get_model

    ProductImage = get_model("catalogue", "ProductImage")
    seller = shop.seller("HTX Ảnh")
    for i in range(4):
        product = shop.product(seller, f"Sản phẩm có ảnh {i}")
        ProductImage.objects.create(product=product, original=f"images/products/p{i}.jpg", display_order=0)
    html = get(Client(), reverse("catalogue:index"))[1]
    cards = re.findall(r'<img class="product-card__img"[^>]*>', html)
    assert len(cards) == 4
    assert ["loading=" in img for img in cards] == [False, False, True, True]
    for img in cards:
        assert 'width="320" height="320"' in img and ".webp 160w" in img and ".webp 640w" in img
