from django.template import Context, Template

from marketplace.catalogue.thumbnailer import WebpThumbnailer


def test_oscar_thumbnail_tag_points_at_our_webp_thumbnail():
    html = Template("{% load image_tags %}{% oscar_thumbnail photo '300x300' as t %}{{ t.url }}").render(
        Context({"photo": "images/products/2026/11/gao.jpg"})
    )
    assert html == "/media/thumbs/320/images/products/2026/11/gao.webp"


def test_wider_than_any_thumbnail_gets_the_largest():
    assert WebpThumbnailer().generate_thumbnail("a/b.png", size="2000x").width == 640


def test_missing_product_image_gets_the_static_placeholder(settings):
    thumb = WebpThumbnailer().generate_thumbnail(settings.OSCAR_MISSING_IMAGE_URL, size="100x100")
    assert thumb.url.endswith("img/no-photo.svg")
