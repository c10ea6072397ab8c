"""The province's OCOP register: importing the sheets provinces publish, matching subjects to
sellers, the indicators counted over the register, and the outreach worklist's scope."""

import io
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import Workbook

from marketplace.demo.register import OLD_UNITS
from marketplace.indicators import selectors as indicator_selectors
from marketplace.indicators import services as indicator_services
from sellers.models import (
    AuditLogEntry,
    Commune,
    OcopCertificate,
    RegisterImport,
    RegisterRating,
    RegisterSubject,
    Seller,
)
from sellers.register import communes, matching
from sellers.register import services as register
from sellers.services import make_village_head

from .conftest import DAY, PASSWORD, make_official

HEADER_TOP = [
    "STT",
    "Tên sản phẩm",
    "Nhóm sản phẩm",
    "Chủ thể",
    "Địa chỉ",
    None,
    None,
    "Người đại diện",
    "Giới tính",
    "Dân tộc",
    "Điện thoại",
    "Mã số thuế",
    "Hạng sao",
    "Điểm",
    "Quyết định",
    None,
]
HEADER_SUB = [
    None,
    None,
    None,
    None,
    "Thôn/bản",
    "Xã",
    "Huyện",
    None,
    None,
    None,
    None,
    None,
    None,
    None,
    "Số",
    "Ngày",
]


def row(
    n,
    product,
    subject,
    commune,
    district="",
    stars="3 sao",
    decision="1234/QĐ-UBND",
    decided="12/05/2024",
    phone="",
    tax="",
    ethnic="Mông",
    sex="Nam",
    group="Thực phẩm",
    village="Bản Mển",
):
    return [
        n,
        product,
        group,
        subject,
        village,
        commune,
        district,
        subject.split(" ", 2)[-1],
        sex,
        ethnic,
        phone,
        tax,
        stars,
        78,
        decision,
        decided,
    ]


def sheet(rows, *, trailing_numbers=2):
    book = Workbook()
    ws = book.active
    ws.append(["ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN"])
    ws.append(["DANH SÁCH SẢN PHẨM OCOP ĐƯỢC CÔNG NHẬN NĂM 2024"])
    ws.append([])
    ws.append(HEADER_TOP)
    ws.append(HEADER_SUB)
    ws.merge_cells(start_row=4, start_column=5, end_row=4, end_column=7)
    ws.merge_cells(start_row=4, start_column=15, end_row=4, end_column=16)
    for r in rows:
        ws.append(r)
    for n in range(len(rows) + 1, len(rows) + 1 + trailing_numbers):
        ws.append([n])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MESSY = [
    # pre-merger commune and district, stars as "3 sao", a text date
    row(
        1, "Gạo Séng Cù", "Hộ ông Lò Văn Ún", "Xã Thanh Chăn", "Huyện Điện Biên", phone="０９１２３４５６７８"
    ),
    # stars as ★★★★, an Excel date, today's commune name without a district
    row(
        2,
        "Chè Shan Tuyết",
        "HTX Chè Sín Chải",
        "Sín Chải",
        stars="★★★★",
        decided=datetime(2025, 3, 1),
        tax="5600123456",
    ),
    # the same cooperative's second product, stars "4*", an Excel serial date, the date in the decision
    row(
        3,
        "Hồng trà",
        "HTX Chè Sín Chải",
        "Sín Chải",
        stars="4*",
        decision="88 / qđ-ubnd ngày 01/03/2025",
        decided="",
        tax="5600123456",
        group="Đồ uống",
    ),
    row(
        4,
        "Cà phê rang xay",
        "Công ty TNHH Cà phê Ẳng Nưa",
        "Xã Ẳng Nưa",
        "Huyện Mường Ảng",
        stars="5",
        decided=45000,
        ethnic="Kinh",
        group="Đồ uống",
    ),
]


@pytest.fixture
def tinh(db):
    communes.forget()
    return make_official("tinh")


@pytest.fixture
def import_sheet(django_capture_on_commit_callbacks):
    def run(content, official, filename="danh-sach.xlsx"):
        job = register.preview_sheet(filename=filename, content=content, official=official)
        if not job.errors:
            with django_capture_on_commit_callbacks(execute=True):  # the outbox hands it to Celery
                register.start_import(job, official=official)
            job.refresh_from_db()
        return job

    return run


@pytest.mark.django_db
def test_messy_sheet_is_read_previewed_then_imported(tinh, django_capture_on_commit_callbacks):
    job = register.preview_sheet(filename="ds.xlsx", content=sheet(MESSY), official=tinh)
    assert job.errors == [] and job.ignored_rows == [10, 11]
    assert job.plan["created"] == 4 and job.plan["subjects_new"] == 3
    assert not RegisterSubject.objects.exists()  # a preview writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        register.start_import(job, official=tinh)
    job.refresh_from_db()
    assert job.status == RegisterImport.Status.SUCCEEDED and job.percent == 100
    ho = RegisterSubject.objects.get(name="Hộ ông Lò Văn Ún")
    assert ho.commune.name == "Thanh Nưa"  # xã Thanh Chăn, huyện Điện Biên since 1 July 2025
    assert (
        ho.kind == RegisterSubject.Kind.HOUSEHOLD
        and ho.phone == "0912345678"
        and ho.rep_ethnic_group.name == "H'Mông"
    )
    htx = RegisterSubject.objects.get(tax_code="5600123456")
    assert htx.kind == RegisterSubject.Kind.COOPERATIVE and htx.products.count() == 2
    hong_tra = RegisterRating.objects.get(product__name="Hồng trà")
    assert (hong_tra.stars, hong_tra.decision_number, hong_tra.decided_on) == (
        4,
        "88/QĐ-UBND",
        date(2025, 3, 1),
    )
    assert hong_tra.expires_on == date(2028, 3, 1)  # 36 months when the sheet gives no expiry
    coffee = RegisterRating.objects.get(product__name="Cà phê rang xay")
    assert coffee.stars == 5 and coffee.level == "national" and coffee.decided_on == date(2023, 3, 15)
    assert RegisterRating.objects.get(product__name="Chè Shan Tuyết").decided_on == date(2025, 3, 1)
    assert RegisterSubject.objects.get(name__startswith="Công ty").commune.name == "Mường Ảng"


@pytest.mark.django_db
def test_reimporting_the_same_sheet_changes_nothing(tinh, import_sheet):
    import_sheet(sheet(MESSY), tinh)
    before = (RegisterSubject.objects.count(), RegisterRating.objects.count())
    again = import_sheet(sheet(MESSY), tinh)
    assert again.status == RegisterImport.Status.SUCCEEDED
    assert again.plan["unchanged"] == 4 and again.plan["created"] == again.plan["updated"] == 0
    assert (RegisterSubject.objects.count(), RegisterRating.objects.count()) == before
    # A re-rating is a new row of history; a corrected score an update.
    rerated = [
        *MESSY,
        row(
            5,
            "Gạo Séng Cù",
            "Hộ ông Lò Văn Ún",
            "Xã Thanh Chăn",
            "Huyện Điện Biên",
            stars="4 sao",
            decision="2001/QĐ-UBND",
            decided="01/06/2026",
        ),
    ]
    third = import_sheet(sheet(rerated), tinh)
    assert third.plan["created"] == 1 and third.plan["unchanged"] == 4
    assert RegisterRating.objects.filter(product__name="Gạo Séng Cù").count() == 2


@pytest.mark.django_db
def test_a_bad_row_refuses_the_whole_file_with_its_row_number(tinh):
    bad = [
        *MESSY,
        row(5, "Mật ong", "Hộ bà Sùng Thị Dợ", "Xã Không Có", "Huyện Tủa Chùa"),
        row(6, "Mật ong", "Hộ bà Sùng Thị Dợ", "Sính Phình", stars="2 sao"),
        row(7, "Mật ong", "Hộ bà Sùng Thị Dợ", "Sính Phình", decided="31/02/2024"),
        MESSY[0],
    ]
    job = register.preview_sheet(filename="ds.xlsx", content=sheet(bad), official=tinh)
    reasons = {e["row"]: e["reason"] for e in job.errors}
    assert set(reasons) == {10, 11, 12, 13}
    assert "không tìm thấy xã/phường" in reasons[10]
    assert "hạng sao" in reasons[11]
    assert "ngày quyết định" in reasons[12]
    assert "trùng với dòng 6" in reasons[13]
    with pytest.raises(Exception, match="từ chối"):
        register.start_import(job, official=tinh)
    assert not RegisterSubject.objects.exists()


@pytest.mark.django_db
def test_csv_with_semicolons_and_an_unreadable_file(tinh):
    csv = "\n".join(
        [
            "Danh sách sản phẩm OCOP",
            "TT;Tên sản phẩm;Nhóm sản phẩm;Chủ thể;Xã;Huyện;Hạng sao;Số quyết định;Ngày quyết định",
            "1;Dứa Mường Chà;Thực phẩm;Hộ ông Lò Văn Pâng;Xã Sa Lông;Huyện Mường Chà;3*;77/QĐ-UBND;"
            "2024-05-01",
            "1;Dứa sấy;Thực phẩm;Hộ ông Lò Văn Pâng;Xã Sa Lông;Huyện Mường Chà;3*;78/QĐ-UBND;45400",
        ]
    ).encode()
    job = register.preview_sheet(filename="ds.csv", content=csv, official=tinh)
    assert [e["row"] for e in job.errors] == [3]  # 2024-05-01 is not how Vietnamese lists write dates
    job = register.preview_sheet(filename="ds.xlsx", content=b"not a workbook", official=tinh)
    assert job.status == RegisterImport.Status.FAILED and "Excel" in job.errors[0]["reason"]


@pytest.mark.django_db
def test_only_province_officials_import(client, tinh):
    xa = make_official("xa", "Tủa Chùa")
    with pytest.raises(PermissionDenied):
        register.preview_sheet(filename="ds.xlsx", content=sheet(MESSY), official=xa)
    assert client.login(username="xa", password=PASSWORD)
    upload = io.BytesIO(sheet(MESSY))
    upload.name = "ds.xlsx"
    assert client.post(reverse("officials:register"), {"file": upload}).status_code == 403


@pytest.mark.django_db
def test_old_units_convert_to_todays_communes(tinh):
    for today, (old_commune, district) in OLD_UNITS.items():
        assert communes.commune_id(old_commune, district) == Commune.objects.get(name=today).pk, (
            old_commune,
            district,
        )
    assert communes.commune_id("Xã Bogus", "Huyện Tủa Chùa") is None


@pytest.mark.django_db
def test_matching_suggests_by_phone_and_name_and_keeps_separation_of_duties(province, tinh):
    subject = province.subject("Hộ bà Sùng Thị Dợ", commune_name="Sính Phình", ethnic="H'Mông", sex="F")
    RegisterSubject.objects.filter(pk=subject.pk).update(phone="0912345678")
    subject.refresh_from_db()
    right = province.seller("Hộ bà Sùng Thị Dợ", commune_name="Sính Phình", sex="F")
    Seller.objects.filter(pk=right.pk).update(phone="0912345678")
    province.seller("Hộ ông Mùa A Sình", commune_name="Sính Phình")
    elsewhere = province.seller("Hộ bà Sùng Thị Dợ", commune_name="Tủa Chùa", sex="F")
    ranked = matching.suggestions(subject)
    assert ranked[0].seller == right and ranked[0].score >= 80
    assert elsewhere not in [s.seller for s in ranked]  # another commune, another phone
    helper = make_official("xa-giup", "Sính Phình")
    Seller.objects.filter(pk=right.pk).update(assisted_by=helper)
    right.refresh_from_db()
    with pytest.raises(PermissionDenied):  # assisted that household: may not confirm its match
        register.confirm_match(subject, right, official=helper)
    with pytest.raises(PermissionDenied):  # another commune's official
        register.confirm_match(subject, right, official=make_official("xa-khac", "Tủa Chùa"))
    register.confirm_match(subject, right, official=make_official("xa-sp", "Sính Phình"))
    subject.refresh_from_db()
    assert subject.seller == right
    assert AuditLogEntry.objects.filter(action="register.match", register_subject=subject).exists()
    # The seller's certificate is the register's record; one subject ↔ one seller.
    certificate = OcopCertificate.objects.get(seller=right)
    assert certificate.approved and certificate.register_product.subject == subject
    other = province.subject("Hộ bà Sùng Thị Dợ (trùng)", commune_name="Sính Phình")
    with pytest.raises(Exception, match="đã được ghép"):
        register.confirm_match(other, right, official=tinh)
    register.unlink(subject, official=tinh, reason="ghép nhầm")
    assert not OcopCertificate.objects.filter(seller=right).exists()


@pytest.mark.django_db
def test_a_registering_household_claims_its_register_row(client, province):
    subject = province.subject(
        "HTX Dệt lanh Sính Phình", commune_name="Sính Phình", kind=RegisterSubject.Kind.COOPERATIVE
    )
    seller = province.seller("", commune_name="Sính Phình", status=Seller.Status.DRAFT)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="0987654321", password=PASSWORD)
    Seller.objects.filter(pk=seller.pk).update(user=user, name="", rep_name="", wizard_step=1)
    assert client.login(username="0987654321", password=PASSWORD)
    page = client.get(reverse("sellers:register-claim"), {"q": "det lanh"})
    assert "HTX Dệt lanh Sính Phình" in page.content.decode()
    response = client.post(reverse("sellers:register-claim"), {"subject": subject.pk})
    assert response.status_code == 302
    seller.refresh_from_db()
    subject.refresh_from_db()
    assert subject.claimed_by == seller and subject.seller is None  # still needs the official
    assert seller.name == "HTX Dệt lanh Sính Phình" and seller.entity_type == Seller.EntityType.COOPERATIVE
    assert matching.suggestions(subject)[0].seller == seller


def _i1(day=DAY):
    cells = indicator_selectors.compute_cells(day)
    figures = indicator_selectors.figures_from_cells(
        cells, day, indicator_selectors.Filters(), indicator_selectors.load_targets()
    )
    return {f.code: f for f in figures}


@pytest.mark.django_db
def test_a_subject_without_an_account_counts_and_a_match_moves_the_numerator(province, tinh):
    # Two OCOP subjects of an EM-area commune; one sells here (matched), one has no account.
    seller = province.seller("A")
    province.certificate(seller)
    province.product(seller)
    offline = province.subject("Hộ ông Giàng A Lử")
    figures = _i1()
    assert (figures["I1"].num, figures["I1"].den) == (1, 2)
    assert (figures["I1"].cov_num, figures["I1"].cov_den) == (1, 2)
    assert (figures["I3"].num, figures["I3"].den) == (2, 2)  # both H'Mông households
    assert (figures["I4"].num, figures["I4"].den) == (0, 2)
    # The household registers, is verified and lists a product: matched, it moves I1.
    late = province.seller("Giàng A Lử")
    province.product(late)
    register.confirm_match(offline, late, official=tinh)
    figures = _i1()
    assert (figures["I1"].num, figures["I1"].den) == (2, 2)
    assert (figures["I4"].den, figures["I1"].cov_num) == (2, 2)  # each producer once
    # A verified seller the register does not hold: I4 only.
    province.seller("Không có trong danh sách")
    figures = _i1()
    assert (figures["I1"].den, figures["I4"].den) == (2, 3)
    indicator_services.take_snapshot(DAY)
    stored = {
        f.code: f
        for f in indicator_selectors.figures(
            DAY, indicator_selectors.Filters(), indicator_selectors.load_targets()
        )
    }
    assert {c: (f.num, f.den, f.cov_num) for c, f in stored.items()} == {
        c: (f.num, f.den, f.cov_num) for c, f in figures.items()
    }


@pytest.mark.django_db
def test_worklist_scope_per_role_and_flat_query_count(client, province, django_assert_max_num_queries):
    for n in range(3):
        province.subject(f"Hộ Tủa Chùa {n}")
    province.subject("HTX Tủa Chùa", kind=RegisterSubject.Kind.COOPERATIVE)
    province.subject("Hộ Sính Phình", commune_name="Sính Phình")
    make_official("xa", "Tủa Chùa")
    assert client.login(username="xa", password=PASSWORD)
    url = reverse("indicators:worklist")
    page = client.get(url).content.decode()
    assert "Hộ Tủa Chùa 0" in page and "HTX Tủa Chùa" in page and "Hộ Sính Phình" not in page
    other = Commune.objects.get(name="Sính Phình").pk
    assert client.get(url, {"commune": other}).status_code == 403
    assert client.get(url, {"format": "xlsx"})["Content-Type"].startswith("application/vnd.openxml")
    assert "Hộ Tủa Chùa 2" in client.get(url, {"print": 1}).content.decode()
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for n in range(30):
        province.subject(f"Hộ thêm {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    # A village head sees the households of their commune; anyone else is refused.
    from django.contrib.auth import get_user_model

    from cms.training.models import VillageHead

    user = get_user_model().objects.create_user(username="truongban", password=PASSWORD)
    make_village_head(user)
    VillageHead.objects.create(
        name="Giàng A Páo",
        commune=Commune.objects.get(name="Tủa Chùa"),
        user=user,
        registered_on=date(2025, 1, 1),
    )
    client.logout()
    assert client.login(username="truongban", password=PASSWORD)
    page = client.get(url).content.decode()
    assert "Hộ Tủa Chùa 0" in page and "HTX Tủa Chùa" not in page and "Hộ Sính Phình" not in page
    get_user_model().objects.create_user(username="khach", password=PASSWORD)
    client.logout()
    assert client.login(username="khach", password=PASSWORD)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_register_pages_speak_english_when_asked(client, province, tinh):
    subject = province.subject("Hộ Tủa Chùa")
    assert client.login(username="tinh", password=PASSWORD)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    register_page = client.get(reverse("officials:register")).content.decode()
    assert "Province OCOP register" in register_page and "Upload and preview" in register_page
    subject_page = client.get(reverse("officials:register-subject", args=[subject.pk])).content.decode()
    assert "Suggested sellers to match" in subject_page
    worklist = client.get(reverse("indicators:worklist")).content.decode()
    assert "Outreach worklist" in worklist and "Progress by commune" in worklist
    for page in (register_page, subject_page, worklist):
        assert "Danh sách cần hỗ trợ" not in page and "Tải lên và xem trước" not in page
