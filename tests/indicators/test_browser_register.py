"""At 360 px in Chromium, the register's journey: a province official imports the sheet
(preview → import), a commune official confirms a suggested match and opens the worklist, a
village head starts an assisted registration from a worklist row, and once the household is
verified and matched, its worklist row and I1's numerator move."""

from datetime import date

from django.utils import timezone

from cms.training.models import VillageHead
from marketplace.indicators import services as indicator_services
from sellers.models import Commune, RegisterSubject, Seller
from sellers.services import make_village_head
from sellers.signals import seller_verified

from .conftest import PASSWORD, Province, make_official
from .test_register import MESSY, row, sheet


def sign_in(phone, username):
    page = phone.page
    page.context.clear_cookies()
    phone.goto("/seller/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_import_match_worklist_and_assisted_registration(phone, tmp_path, transactional_db):
    province = Province()
    make_official("canbo.tinh")
    make_official("canbo.xa", "Thanh Nưa")
    # A seller already here whose phone is on the sheet (the match to confirm).
    seller = province.seller("Hộ ông Lò Văn Ún", commune_name="Thanh Nưa", ethnic="Thái")
    Seller.objects.filter(pk=seller.pk).update(phone="0912345678")
    province.product(seller)
    offline = row(
        5,
        "Cá suối nướng",
        "Hộ bà Lường Thị Xuân",
        "Xã Thanh Hưng",
        "Huyện Điện Biên",
        phone="0387654321",
        ethnic="Thái",
        sex="Nữ",
    )
    path = tmp_path / "danh-sach-ocop.xlsx"
    path.write_bytes(sheet([*MESSY, offline]))
    page = phone.page

    sign_in(phone, "canbo.tinh")
    phone.goto("/officials/register/")
    page.set_input_files("input[type=file]", str(path))
    page.click("form[data-form=register-upload] button[type=submit]")
    page.wait_for_url("**/register/imports/*/")
    assert page.inner_text("[data-count=created]") == "5"
    no_sideways_scroll(page)
    phone.screenshot("register-01-preview")
    page.click("form[data-form=register-import] button[type=submit]")
    page.wait_for_selector("text=Đã nhập xong")
    phone.screenshot("register-02-imported")
    assert RegisterSubject.objects.count() == 4

    sign_in(phone, "canbo.xa")
    subject = RegisterSubject.objects.get(name="Hộ ông Lò Văn Ún")
    phone.goto(f"/officials/register/{subject.pk}/")
    assert "cùng số điện thoại" in page.inner_text("main")
    page.click("form[data-form=register-match] button[type=submit]")
    page.wait_for_selector("text=Đã ghép")
    assert RegisterSubject.objects.get(pk=subject.pk).seller_id == seller.pk
    page.fill("form[data-form=register-note] input[name=text]", "Đã gọi điện, hẹn thứ Bảy đến nhà")
    page.click("form[data-form=register-note] button[type=submit]")
    page.wait_for_selector("text=Đã ghi chú")
    phone.goto("/officials/indicators/worklist/")
    page.select_option("form[data-form=worklist-filter] select[name=missing]", value="sell")
    page.click("form[data-form=worklist-filter] button[type=submit]")
    page.wait_for_url("**missing=sell*")
    no_sideways_scroll(page)
    phone.screenshot("register-03-worklist")
    xuan = RegisterSubject.objects.get(name="Hộ bà Lường Thị Xuân")
    assert "chưa bán trực tuyến" in page.inner_text(f"[data-subject='{xuan.pk}'] [data-missing]")

    row_of = page.locator(f"[data-subject='{xuan.pk}']")
    row_of.locator("summary").click()
    row_of.locator("input[name=text]").fill("Đã đến nhà, chưa có điện thoại thông minh")
    row_of.locator("form[data-form=worklist-note] button[type=submit]").click()
    page.wait_for_selector("text=Đã ghi chú cho")
    assert xuan.notes.count() == 1

    # The village head of Thanh Nưa registers the household from its worklist row.
    from django.contrib.auth import get_user_model

    head = get_user_model().objects.create_user(username="truongban", password=PASSWORD)
    make_village_head(head)
    VillageHead.objects.create(
        name="Lò Văn Ngoan",
        commune=Commune.objects.get(name="Thanh Nưa"),
        user=head,
        registered_on=date(2025, 1, 1),
    )
    sign_in(phone, "truongban")
    phone.goto("/officials/indicators/worklist/")
    page.click(f"[data-subject='{xuan.pk}'] a:has-text('Đăng ký giúp')")
    page.wait_for_url("**/seller/assist/new/**")
    assert "Hộ bà Lường Thị Xuân" in page.inner_text("[data-register-subject]")
    assert page.input_value("input[name=phone]") == "0387654321"
    page.fill("input[name=password]", "Mat-khau-cua-ho-2026")
    page.click("form[data-form=registration-step] button[type=submit]")
    page.wait_for_url("**/seller/assist/*/step/2/")
    phone.screenshot("register-04-assisted")
    # The wizard's shop step offers the register: find the row again and claim it.
    page.click("[data-claim-link]")
    page.fill("#claim-q", "luong thi xuan")
    page.click("form[data-form=claim-search] button[type=submit]")
    page.wait_for_url("**claim/?q=*")
    page.click("form[data-form=register-claim] button[type=submit]")
    page.wait_for_selector("text=Đã nhận")
    xuan.refresh_from_db()
    household = xuan.claimed_by
    assert household is not None and household.name == "Hộ bà Lường Thị Xuân"

    # Verified (the wizard's remaining steps and the decision are other tests'), lists a product;
    # the commune official confirms the claim; the worklist row and I1's numerator move.
    indicator_services.take_snapshot(timezone.localdate())
    before = indicator_services_figure("I1")
    Seller.objects.filter(pk=household.pk).update(
        status=Seller.Status.VERIFIED, verified_at=timezone.now(), decided_at=timezone.now()
    )
    household.refresh_from_db()
    seller_verified.send(Seller, seller=household)  # the shop opens its storefront
    province.product(Seller.objects.get(pk=household.pk), created=timezone.localdate())
    sign_in(phone, "canbo.xa")
    phone.goto("/officials/register/")
    page.fill("#register-q", "Xuân")
    page.click("form[data-form=register-search] button[type=submit]")
    page.click(f"a[href='/officials/register/{xuan.pk}/']")
    page.click("form[data-form=register-match] button[type=submit]")
    page.wait_for_selector("text=Đã ghép")
    phone.goto("/officials/indicators/worklist/")
    missing = page.locator(f"[data-subject='{xuan.pk}'] [data-missing]")
    assert missing.count() == 0 or "chưa bán trực tuyến" not in missing.inner_text()
    indicator_services.take_snapshot(timezone.localdate())
    after = indicator_services_figure("I1")
    assert (after.num, after.den) == (before.num + 1, before.den)

    # A match made in error is undone, with its reason in the audit log.
    phone.goto(f"/officials/register/{subject.pk}/")
    page.click("text=Bỏ ghép với tài khoản này")
    page.fill("form[data-form=register-unlink] input[name=reason]", "ghép nhầm hộ cùng tên")
    page.click("form[data-form=register-unlink] button[type=submit]")
    page.wait_for_selector("text=Đã bỏ ghép")
    assert RegisterSubject.objects.get(pk=subject.pk).seller_id is None


def indicator_services_figure(code):
    from marketplace.indicators import selectors

    day = timezone.localdate()
    return {f.code: f for f in selectors.figures(day, selectors.Filters(), selectors.load_targets())}[code]
