"""Home page "Sản phẩm nổi bật": the operator's picks, then well-rated products with a photo and a
valid OCOP rating from several sellers, never simply the newest listings."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image

from marketplace.catalogue.selectors import FEATURED_RANGE_SLUG, featured_products

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")
Range = get_model("offer", "Range")
RangeProduct = get_model("offer", "RangeProduct")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def with_photo(product):
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (30, 120, 60)).save(out, "JPEG")
    ProductImage.objects.create(product=product, original=SimpleUploadedFile("a.jpg", out.getvalue()))
    return product


def rated(product, rating):
    type(product).objects.filter(pk=product.pk).update(rating=rating)
    return product


def test_fallback_prefers_rated_products_with_photo_and_valid_stars_from_several_sellers(shop):
    tea, honey, rice = (shop.seller(n) for n in ("HTX Chè", "Hộ Mật ong", "HTX Gạo"))
    best = [rated(with_photo(shop.product(tea, f"Chè {i}", stars=4)), 5 - i / 10) for i in range(4)]
    honey_one = rated(with_photo(shop.product(honey, "Mật ong bạc hà", stars=3)), 4.0)
    rice_unrated = with_photo(shop.product(rice, "Gạo tám thơm", stars=5))
    no_photo = rated(shop.product(rice, "Gạo nếp mới đăng", stars=5), 5.0)
    expired = rated(with_photo(shop.product(rice, "Gạo hết hạn sao", stars=5, expired=True)), 5.0)
    no_ocop = rated(with_photo(shop.product(honey, "Mật ong chưa có sao")), 5.0)

    featured = featured_products(limit=8)

    assert featured[:2] == best[:2]  # the best rated first, at most two from one seller
    assert set(featured) == {best[0], best[1], honey_one, rice_unrated}
    for left_out in (best[2], best[3], no_photo, expired, no_ocop):
        assert left_out not in featured


def test_operator_picks_come_first_in_their_order(shop, django_assert_max_num_queries):
    seller = shop.seller("HTX Thổ cẩm")
    plain = shop.product(seller, "Khăn thổ cẩm mới")  # no photo, no stars: the operator still may
    star = rated(with_photo(shop.product(seller, "Túi thổ cẩm", stars=4)), 4.5)
    other = with_photo(shop.product(shop.seller("HTX Cà phê"), "Cà phê Mường Ảng", stars=4))
    picks = Range.objects.create(name="Sản phẩm nổi bật", slug=FEATURED_RANGE_SLUG)
    RangeProduct.objects.create(range=picks, product=other, display_order=1)
    RangeProduct.objects.create(range=picks, product=plain, display_order=2)

    with django_assert_max_num_queries(4):
        featured = featured_products(limit=3)

    assert featured == [other, plain, star]
