"""The certificate's QR, as a person meets it: photographed off the phone's screen and off the
printed A4 page, it must decode (zbarimg) to the public verification URL."""

import subprocess
from datetime import date

import pytest

from cms.training.services import record_completion
from tests.conftest import SCREENSHOTS

from .conftest import PASSWORD, make_course, make_user, make_village_head

pytestmark = pytest.mark.django_db(transaction=True)


def decode(png):
    result = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    return result.stdout.strip()


def test_certificate_qr_scans_on_screen_and_on_paper(phone):
    course = make_course("An toàn khi bán hàng trên mạng")
    head = make_village_head("Giàng A Páo", phone="0912345777")
    head.user = make_user("0912345777")
    head.save()
    completion, _ = record_completion(
        course, {"village_head": head, "user": head.user}, source="online", completed_on=date(2026, 11, 20)
    )
    page = phone.page
    phone.goto("/seller/login/")
    page.fill("input[name='username']", "0912345777")
    page.fill("input[name='password']", PASSWORD)
    page.locator("form[data-form='seller-login'] button[type='submit']").click()

    phone.goto(f"/training/certificates/{completion.code}/")
    phone.screenshot("training-certificate-360")
    verify_url = page.locator(".tr-url").inner_text().strip()
    assert verify_url.endswith(f"/training/verify/{completion.code}/")
    SCREENSHOTS.mkdir(exist_ok=True)
    box = page.locator(".tr-qr svg").bounding_box()
    assert box["width"] >= 100 and abs(box["width"] - box["height"]) < 1
    on_screen = SCREENSHOTS / "training-certificate-qr-screen.png"
    page.locator(".tr-qr").screenshot(path=str(on_screen))
    assert decode(on_screen) == verify_url

    page.emulate_media(media="print")
    on_paper = SCREENSHOTS / "training-certificate-qr-print.png"
    page.locator(".tr-qr").screenshot(path=str(on_paper))
    assert decode(on_paper) == verify_url
