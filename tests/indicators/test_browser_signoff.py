"""At 360 px in Chromium: a commune official submits June with its one warning explained, the
province official returns it, the commune resubmits, another step approves it, and the
province official builds the quarter's review pack and downloads the Word report and the
Excel appendix (the same numbers as the locked dashboard)."""

import io

from docx import Document
from openpyxl import load_workbook

from marketplace.indicators import periods, report, services, signoff
from marketplace.indicators.models import SignOff
from marketplace.indicators.selectors import Filters
from sellers.models import Commune, Seller

from .conftest import DAY, PASSWORD, commune, make_official


def sign_in(phone, username):
    page = phone.page
    page.context.clear_cookies()
    phone.goto("/seller/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/officials/")


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_month_is_submitted_returned_resubmitted_approved_and_reported(phone, worked_example):
    june = periods.month_of(DAY)
    Seller.objects.filter(pk=worked_example["F"].pk).update(status=Seller.Status.VERIFIED)
    services.take_snapshot(DAY)
    make_official("canbo.tuachua", "Tủa Chùa")
    province = make_official("canbo.tinh")
    helper = make_official("canbo.tinh2")
    tua_chua = commune("Tủa Chùa")
    for c in Commune.objects.exclude(pk=tua_chua.pk):  # the other communes signed June already
        signoff.approve(
            province, signoff.submit(helper, c, june, "Đã xem." if signoff.findings(c, june) else "")
        )
    page = phone.page

    # The commune official: dashboard → sign-off → June, one warning to explain.
    sign_in(phone, "canbo.tuachua")
    phone.goto("/officials/indicators/")
    page.click("[data-signoff-link]")
    page.wait_for_url("**/indicators/signoff/")
    page.click("[data-month='2026-06'] a")
    page.wait_for_url("**/signoff/2026-06/**")
    assert page.locator("[data-rule=no_training]").count() == 1
    no_sideways_scroll(page)
    phone.screenshot("signoff-01-commune-month")
    page.click("form[data-form=signoff-submit] button")  # no note: refused, nothing lost
    page.wait_for_load_state()
    assert "ghi chú" in page.inner_text(".alert, .messages, main")
    page.fill("textarea[name=note]", "Lớp tập huấn của xã dời sang tháng 7 vì mưa lũ.")
    page.click("form[data-form=signoff-submit] button")
    page.wait_for_selector("[data-state=submitted]")

    # The province official returns it with a reason.
    sign_in(phone, "canbo.tinh")
    phone.goto("/officials/indicators/signoff/")
    page.select_option("select[name=month]", value="2026-06")
    page.click("form[data-form=signoff-month-choice] button")
    page.wait_for_url("**month=2026-06")
    assert "44/45" in page.inner_text("[data-progress]")
    page.click(f"tr[data-commune='{tua_chua.pk}'] a")
    assert "mưa lũ" in page.inner_text("[data-note]")
    page.fill("textarea[name=reason]", "Ghi rõ ngày dự kiến của lớp tập huấn.")
    page.click("form[data-form=signoff-return] button")
    page.wait_for_selector("[data-state=returned]")
    phone.screenshot("signoff-02-returned")

    # The commune reads the reason and resubmits.
    sign_in(phone, "canbo.tuachua")
    phone.goto(f"/officials/indicators/signoff/2026-06/{tua_chua.pk}/")
    assert "Ghi rõ ngày dự kiến" in page.inner_text("[data-reason]")
    page.fill("textarea[name=note]", "Lớp tập huấn dời sang ngày 15/07/2026 vì mưa lũ.")
    page.click("form[data-form=signoff-submit] button")
    page.wait_for_selector("[data-state=submitted]")

    # The province approves: June is locked for every commune, so the quarter is.
    sign_in(phone, "canbo.tinh")
    phone.goto(f"/officials/indicators/signoff/2026-06/{tua_chua.pk}/")
    page.click("form[data-form=signoff-approve] button")
    page.wait_for_selector("[data-state=approved]")
    assert [a for a in page.locator(".ind-history li").all_inner_texts()][-1].endswith("duyệt")
    phone.screenshot("signoff-03-approved")
    assert SignOff.objects.get(commune=tua_chua).status == SignOff.Status.APPROVED
    phone.goto(f"/officials/indicators/?date={DAY:%Y-%m-%d}")
    assert page.get_attribute("[data-signed]", "data-signed") == "yes"

    phone.goto("/officials/indicators/packs/")
    no_sideways_scroll(page)
    page.click("[data-period='2026-Q2'] form[data-form=pack-build] button")
    page.wait_for_selector("#pack-report")
    phone.screenshot("signoff-04-pack")
    with page.expect_download() as word:
        page.click("#pack-report")
    with page.expect_download() as excel:
        page.click("#pack-appendix")

    dashboard = report.build(DAY, Filters(), months=12)
    doc = Document(io.BytesIO(word.value.path().read_bytes()))
    shown = {row.cells[0].text: row.cells[4].text for row in doc.tables[0].rows[1:]}
    assert shown == {f.code: f"{f.num}/{f.den}" for f in dashboard.figures}
    book = load_workbook(io.BytesIO(excel.value.path().read_bytes())).active
    province_rows = [r for r in book.iter_rows(min_row=4, values_only=True) if r[0] == "Toàn tỉnh"]
    assert [(r[1], r[6], r[7]) for r in province_rows] == [(f.code, f.num, f.den) for f in dashboard.figures]
