"""Officials' remaining forms, submitted in Chromium at 360 px: a village head added by hand and
a registry sheet imported (commune official); a yearly target set and today's fresh figures read
(province official)."""

from datetime import date

import pytest
from django.utils import timezone

from cms.training.models import VillageHead
from marketplace.indicators.models import Target
from marketplace.indicators.services import take_snapshot

from .conftest import PASSWORD, make_official
from .test_attendance import xlsx

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(phone, username):
    page = phone.page
    page.context.clear_cookies()
    phone.goto("/seller/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[data-form='seller-login'] button[type=submit]").click()
    page.wait_for_load_state()


def test_commune_official_keeps_the_village_head_registry(phone, tmp_path):
    official = make_official("canbo.tuachua", "Tủa Chùa")
    page = phone.page
    sign_in(phone, official.username)

    phone.goto("/training/officials/village-heads/new/")
    page.fill("input[name=name]", "Sùng A Lử")
    page.fill("input[name=phone]", "0912 000 901")
    page.check("input[name=sex][value=M]")
    page.select_option("select[name=role]", "influential")
    page.fill("input[name=village]", "Bản Tả Phìn")
    page.fill("input[name=registered_on]", "2026-02-01")
    page.locator("form[data-form='registry-entry'] button[type=submit]").click()
    page.wait_for_selector("text=Đã lưu Sùng A Lử")
    head = VillageHead.objects.get(phone="0912000901")
    assert (head.role, head.commune.name, head.created_by) == ("influential", "Tủa Chùa", official)

    sheet = tmp_path / "truong-ban.xlsx"
    sheet.write_bytes(
        xlsx(
            [
                ["DANH SÁCH TRƯỞNG BẢN XÃ TỦA CHÙA"],
                [
                    "Họ và tên",
                    "SĐT",
                    "Giới tính",
                    "Thôn/bản",
                    "Dân tộc",
                    "Vai trò",
                    "Xã",
                    "Ngày vào danh sách",
                ],
                [
                    "Vàng Thị Mỷ",
                    "0912 000 902",
                    "Nữ",
                    "Bản Sín Chải",
                    "H'Mông",
                    "Trưởng bản",
                    "",
                    "01/03/2026",
                ],
            ]
        )
    )
    phone.goto("/training/officials/village-heads/import/")
    page.set_input_files("input[name=sheet]", str(sheet))
    phone.screenshot("officials-forms-1-registry-import")
    page.locator("form[data-form='registry-import'] button[type=submit]").click()
    page.wait_for_selector("text=Đã lưu 1 người từ tệp")
    assert VillageHead.objects.get(phone="0912000902").registered_on == date(2026, 3, 1)
    # The registries as they are now pass the page checks (axe-core, width, language).
    for path in ("/training/officials/village-heads/", "/training/officials/staff/", "/training/officials/"):
        phone.goto(path)
    phone.screenshot("officials-forms-2-registry")


def test_province_official_sets_a_target_and_reads_fresh_figures(phone):
    province = make_official("canbo.tinh")
    page = phone.page
    sign_in(phone, province.username)

    phone.goto("/officials/indicators/targets/")
    page.fill("input[name=I1_2027]", "30")
    page.locator("form[data-form='indicator-targets'] button[type=submit]").click()
    page.wait_for_selector("text=Đã lưu mục tiêu")
    assert Target.objects.get(indicator="I1", year=2027).percent == 30

    # No button to press: the figures follow the records, and the page says when they were computed.
    take_snapshot(timezone.localdate())  # the night's snapshot
    phone.goto("/officials/indicators/")
    assert page.locator("text=số liệu hôm nay, tính lúc").count() == 1
    assert page.locator("form[data-form='indicator-refresh']").count() == 0
    for path in ("/officials/indicators/report/", "/chi-tieu/", "/officials/payments/"):
        phone.goto(path)  # axe-core, width and language checks on each
