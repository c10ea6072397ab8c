"""At 360 px in Chromium: a province official filters to H'Mông households, reads the commune
table and a chart, downloads the Excel file (same numbers); the public page shows "<5"."""

import io

from openpyxl import load_workbook

from marketplace.indicators import services

from .conftest import DAY, PASSWORD, make_official


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_province_official_filters_reads_and_downloads_on_a_phone(phone, with_payments_and_training):
    services.take_snapshot(DAY)
    official = make_official("canbo.tinh")
    page = phone.page
    phone.goto("/seller/login/")
    page.fill("input[name=username]", official.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/officials/")

    phone.goto("/officials/indicators/")
    assert page.inner_text("h1") == "Chỉ tiêu chuyển đổi số 2026–2030"
    page.select_option("select[name=ethnic]", label="H'Mông")
    page.select_option("select[name=type]", value="household")
    page.click("form.ind-filters button[type=submit]")
    page.wait_for_url("**ethnic=*")
    no_sideways_scroll(page)
    phone.screenshot("indicators-01-filtered")

    # Province figure for I1: H'Mông households that are OCOP entities in EM areas are A and J;
    # A sells online: 1 of 2.
    assert page.inner_text("[data-count=I1]") == "1 / 2"
    # The commune table: Tủa Chùa's I1 cell reads 50,0 (Vietnamese decimal comma).
    cell = page.locator("#commune-table tr[data-commune='Tủa Chùa'] td[data-code=I1]")
    cell.scroll_into_view_if_needed()
    assert cell.inner_text().startswith("50,0")
    phone.screenshot("indicators-02-table")
    # A chart: the bars are an inline SVG with its title, the I1 trend has a line.
    assert "mục tiêu" in page.get_attribute("#bars-chart svg", "aria-label")
    assert page.locator("#trend-I1 svg polyline.chart-line").count() == 1
    assert page.locator("#bars-chart svg").bounding_box()["width"] <= 340

    with page.expect_download() as download_info:
        page.click("#export-xlsx")
    book = load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    row = [c.value for c in book["I1"][6]]
    assert row[1:4] == [1, 2, 50.0]
    communes = {r[0]: r for r in book["Bảng xã"].iter_rows(min_row=6, values_only=True)}
    assert communes["Tủa Chùa"][1:4] == (1, 2, 50.0)

    # The public page: nothing identifies a household; small counts read "<5".
    phone.goto("/chi-tieu/")
    no_sideways_scroll(page)
    assert "<5" in page.inner_text("#pub-I1")
    assert (
        page.locator("#public-table tr[data-commune='Tủa Chùa'] td[data-code=I1]")
        .inner_text()
        .startswith("–")
    )
    phone.screenshot("indicators-03-public")
