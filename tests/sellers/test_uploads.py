"""Product photos as phones send them: decoded, turned upright, GPS/EXIF stripped, thumbnails as WebP.

Bad files (not an image, too big, decompression bomb) are refused with a clear message.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import ExifTags, Image

from marketplace.catalogue.images import THUMBNAIL_WIDTHS, thumbnail_path
from marketplace.core.photos import clean_photo

from .conftest import make_official, make_verified_seller

Product = get_model("catalogue", "Product")


def phone_jpeg():
    """400×300 sensor pixels, left half red, right half blue, held upright (EXIF Orientation 6), with GPS."""
    image = Image.new("RGB", (400, 300), (220, 0, 0))
    image.paste((0, 0, 220), (200, 0, 400, 300))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Xiaomi"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 23.0, 10.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (103.0, 1.0, 5.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the fixture really carries what a phone writes
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert check.getexif()[ExifTags.Base.Orientation] == 6
    return data


def product_post(photo_name, photo_bytes, content_type="image/jpeg", title="Chè Shan Tuyết 200g"):
    return {
        "title": title,
        "description": "Chè búp cổ thụ.",
        "product_group": "beverage",
        "price": "150000",
        "stock": "12",
        "weight_grams": "250",
        "photo": SimpleUploadedFile(photo_name, photo_bytes, content_type),
    }


@pytest.fixture
def seller(db):
    return make_verified_seller("0912000301", make_official("canbo.upload", "Tủa Chùa"))


@pytest.mark.django_db
def test_phone_photo_is_stored_upright_without_gps_or_exif(
    client, seller, django_capture_on_commit_callbacks
):
    client.force_login(seller.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sellers:product-new"), product_post("IMG_20250101.jpg", phone_jpeg()))
    assert response.status_code == 302
    product = Product.objects.get(seller=seller)
    record = product.stockrecords.get()
    assert (record.partner, record.price, record.price_currency, record.num_in_stock) == (
        seller.partner,
        150000,
        "VND",
        12,
    )
    assert product.product_class.name == "Sản phẩm OCOP" and product.product_class.track_stock
    stored = product.images.get().original
    with Image.open(stored.path) as image:
        assert image.format == "JPEG"
        assert image.size == (300, 400)  # turned upright
        assert image.getpixel((150, 50))[0] > 150  # red (the sensor's left) is now on top
        assert image.getpixel((150, 350))[2] > 150
        exif = image.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo) and len(exif) == 0
        assert "exif" not in image.info
    # Thumbnails were made (in-process here; by a real worker in the test below).
    for width in THUMBNAIL_WIDTHS:
        assert (Path(settings.MEDIA_ROOT) / thumbnail_path(stored.name, width)).exists()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("anh.jpg", b"%PDF-1.4\n% not a photo at all\n" * 20, "không phải là ảnh"),
        ("hong.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "không phải là ảnh"),
        ("to.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (10 * 1024 * 1024 + 1), "Ảnh quá lớn"),
    ],
)
@pytest.mark.django_db
def test_bad_files_are_refused_with_a_clear_message(client, seller, name, data, message):
    client.force_login(seller.user)
    response = client.post(reverse("sellers:product-new"), product_post(name, data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Product.objects.filter(seller=seller).exists()


def bomb_png(side):
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_decompression_bomb_is_refused(client, seller):
    data = bomb_png(20000)  # 400 million pixels in a few hundred kilobytes
    assert len(data) < 2 * 1024 * 1024
    client.force_login(seller.user)
    response = client.post(reverse("sellers:product-new"), product_post("bom.png", data, "image/png"))
    assert "quá lớn" in response.content.decode() and "điểm ảnh" in response.content.decode()
    assert not Product.objects.filter(seller=seller).exists()


def test_pixel_limit_below_pillows_own_bomb_limit():
    with pytest.raises(ValidationError, match="điểm ảnh"):
        clean_photo(SimpleUploadedFile("big.png", bomb_png(8000), "image/png"))  # 64 MP


def test_editing_keeps_photo_and_bad_photo_keeps_saved_product(
    client, seller, django_capture_on_commit_callbacks
):
    client.force_login(seller.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sellers:product-new"), product_post("a.jpg", phone_jpeg()))
    product = Product.objects.get(seller=seller)
    edit = reverse("sellers:product-edit", kwargs={"pk": product.pk})
    response = client.post(edit, product_post("x.jpg", b"not an image", title="Tên mới"))
    assert "không phải là ảnh" in response.content.decode()
    product.refresh_from_db()
    assert product.title == "Chè Shan Tuyết 200g" and product.images.count() == 1
    data = product_post("x.jpg", b"")
    data.pop("photo")
    data["title"] = "Tên mới"
    assert client.post(edit, data).status_code == 302
    product.refresh_from_db()
    assert product.title == "Tên mới" and product.images.count() == 1


def test_thumbnails_are_made_by_a_real_celery_worker(client, celery_worker_process, transactional_db):
    import time

    seller = make_verified_seller("0912000302", make_official("canbo.worker", "Tủa Chùa"))
    client.force_login(seller.user)
    response = client.post(reverse("sellers:product-new"), product_post("IMG_1.jpg", phone_jpeg()))
    assert response.status_code == 302
    name = Product.objects.get(seller=seller).images.get().original.name
    paths = [Path(settings.MEDIA_ROOT) / thumbnail_path(name, width) for width in THUMBNAIL_WIDTHS]
    deadline = time.monotonic() + 30
    while not all(p.exists() for p in paths) and time.monotonic() < deadline:
        time.sleep(0.2)
    for width, path in zip(THUMBNAIL_WIDTHS, paths, strict=True):
        with Image.open(path) as thumb:
            assert thumb.format == "WEBP"
            assert thumb.width == min(width, 300)
