"""The Oscar dashboard: photo uploads go through the seller workspace's image pipeline (defect 9),
and a seller there cannot touch a shared order's address or see its whole shipping charge (defect 4)."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import ExifTags, Image

from marketplace.catalogue.images import THUMBNAIL_WIDTHS, thumbnail_path
from tests.sellers.test_uploads import phone_jpeg

from .html_forms import form_data, page_forms

pytestmark = pytest.mark.django_db
User = get_user_model()
ProductImage = get_model("catalogue", "ProductImage")
ShippingAddress = get_model("order", "ShippingAddress")


@pytest.fixture
def operator():
    return User.objects.create_user("op", "op@example.vn", "x", is_staff=True, is_superuser=True)


def _form_errors(response):
    names = ["form", "image_formset", "stockrecord_formset", "category_formset", "recommended_formset"]
    found = {name: response.context.get(name) for name in names}
    errors = {name: form.errors for name, form in found.items() if form is not None and any(form.errors)}
    errors.update(
        {name: fs.non_form_errors() for name, fs in found.items() if hasattr(fs, "non_form_errors")}
    )
    return errors


def _upload_on_dashboard(client, product, name, data, content_type="image/jpeg"):
    from oscar.apps.catalogue.categories import create_from_breadcrumbs

    category = create_from_breadcrumbs("Đồ uống")  # Oscar's product form wants a category
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    form = [f for f in page_forms(client.get(url).content.decode()) if f["method"] == "post"][-1]
    post = form_data(form)
    post["productcategory_set-0-category"] = category.pk
    post["images-0-original"] = SimpleUploadedFile(name, data, content_type)
    return client.post(url, post)


def test_a_dashboard_photo_is_re_encoded_without_gps_and_gets_webp_thumbnails(
    client, shop, operator, django_capture_on_commit_callbacks
):
    product = shop.product(shop.seller("HTX Chè"), "Chè Shan Tuyết")
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload_on_dashboard(client, product, "IMG_2041.jpg", phone_jpeg())
    assert response.status_code == 302, _form_errors(response)
    stored = ProductImage.objects.get(product=product).original
    with Image.open(stored.path) as image:
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert image.size == (300, 400)  # turned upright
    for width in THUMBNAIL_WIDTHS:
        assert (Path(settings.MEDIA_ROOT) / thumbnail_path(stored.name, width)).exists()


def test_a_jpeg_html_polyglot_is_not_stored_byte_for_byte(client, shop, operator):
    product = shop.product(shop.seller("HTX Chè"), "Chè Shan Tuyết")
    client.force_login(operator)
    polyglot = phone_jpeg() + b"<html><script>alert(document.cookie)</script></html>"
    response = _upload_on_dashboard(client, product, "anh.jpg", polyglot)
    assert response.status_code == 302, _form_errors(response)
    stored = Path(ProductImage.objects.get(product=product).original.path).read_bytes()
    assert b"<script" not in stored and stored != polyglot


def test_a_60_megapixel_image_is_refused_on_the_dashboard(client, shop, operator):
    product = shop.product(shop.seller("HTX Chè"), "Chè Shan Tuyết")
    client.force_login(operator)
    out = io.BytesIO()
    Image.new("1", (8000, 7500)).save(out, "PNG")  # 60 MP, a few kB
    response = _upload_on_dashboard(client, product, "big.png", out.getvalue(), "image/png")
    assert response.status_code == 200
    assert "tối đa 50 triệu điểm ảnh" in response.content.decode()
    assert not ProductImage.objects.filter(product=product).exists()


# --- a seller in the Oscar dashboard, with an order shared with another seller ----------------


def test_a_seller_cannot_change_the_shipping_address_of_a_shared_order(client, two_shops):
    seller_a, _b, _pa, _pb, order = two_shops
    client.force_login(seller_a.user)
    url = reverse("dashboard:order-shipping-address", kwargs={"number": order.number})
    assert client.get(url).status_code in (403, 404)
    response = client.post(url, {"first_name": "Kẻ gian", "line1": "1 Đường Lạ", "line4": "Hà Nội"})
    assert response.status_code in (403, 404)
    assert ShippingAddress.objects.get(pk=order.shipping_address_id).first_name == "Nguyễn Thị Mai"


def test_a_seller_sees_its_own_shipping_charge_not_the_whole_orders(client, two_shops):
    seller_a, _b, _pa, _pb, order = two_shops
    order.shipping_incl_tax = order.shipping_excl_tax = 61_234  # the whole order's (both parts)
    order.save()
    own = order.parts.get(partner=seller_a.partner)
    own.shipping_charge = 27_000
    own.save()
    client.force_login(seller_a.user)
    html = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert "27.000" in html
    assert "61.234" not in html
