"""In-person training: sessions, attendance one by one and by sheet (all-or-nothing), permissions."""

import io
import re
import time
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cms.training.models import AffairsStaff, AttendanceImport, CourseCompletion, TrainingSession, VillageHead

from .conftest import (
    commune,
    make_course,
    make_official,
    make_seller,
    make_staff,
    make_user,
    make_village_head,
)

HEADER = "Họ và tên,Số điện thoại,4 số cuối CCCD\n"


@pytest.fixture
def setting(db):
    course = make_course("Bán hàng trên sàn thương mại điện tử", "everyone", lessons=[])
    official = make_official("canbo.tuachua", "Tủa Chùa")
    other = make_official("canbo.muongang", "Mường Ảng")
    session = TrainingSession.objects.create(
        course=course,
        course_title=course.title,
        commune=commune("Tủa Chùa"),
        held_on=date(2026, 3, 12),
        place="Nhà văn hoá bản Sín Chải",
        trainer="Lò Văn Tâm",
        recorded_by=official,
    )
    people = {
        "head": make_village_head("Giàng A Páo", phone="0912000101", citizen_id_last4="1234"),
        "seller": make_seller("Hộ Lò Thị Mai", phone="0912000102", last4="5678"),
        "staff": make_staff("Cà Thị Hoa", phone="0912000103"),
        "elsewhere": make_village_head("Lò Văn Ún", "Mường Ảng", phone="0912000104"),
    }
    return {"course": course, "official": official, "other": other, "session": session, **people}


def upload(client, session, name, content, capture):
    with capture(execute=True):
        response = client.post(
            reverse("training:session-import", args=[session.pk]),
            {"sheet": SimpleUploadedFile(name, content)},
        )
    return response


def test_one_bad_row_rejects_the_whole_file_and_names_it(client, setting, django_capture_on_commit_callbacks):
    client.force_login(setting["official"])
    sheet = (
        HEADER
        + "Giàng A Páo,0912 000 101,\n"
        + "Lò Thị Mai,,5678\n"
        + "Người Lạ,0912999999,\n"  # row 4: nobody with this phone
        + "Lò Văn Ún,0912000104,\n"  # row 5: a village head of another commune
        + "Cà Thị Hoa,091200010,\n"  # row 6: not a phone number
        + "Giàng A Páo,+84912000101,\n"  # row 7: the same person as row 2
    )
    response = upload(
        client, setting["session"], "diem-danh.csv", sheet.encode(), django_capture_on_commit_callbacks
    )
    job = AttendanceImport.objects.get()
    assert response.url == reverse("training:import", args=[job.pk])
    assert job.status == AttendanceImport.Status.FAILED
    assert [e["row"] for e in job.errors] == [4, 5, 6, 7]
    assert "0912999999" in job.errors[0]["reason"] and "dòng 2" in job.errors[3]["reason"]
    assert not CourseCompletion.objects.exists()  # nothing written, not even the good rows
    page = client.get(response.url).content.decode()
    assert "Dòng 4" in page and "Bị từ chối" in page
    progress = client.get(reverse("training:import-progress", args=[job.pk])).json()
    assert progress["status"] == "failed" and progress["error_count"] == 4


def test_clean_excel_sheet_records_everyone_once(client, setting, django_capture_on_commit_callbacks):
    client.force_login(setting["official"])
    # Already completed online: counted once, skipped here.
    CourseCompletion.objects.create(
        course=setting["course"],
        course_title="x",
        audience="everyone",
        staff=setting["staff"],
        learner_name="Cà Thị Hoa",
        completed_on=date(2026, 3, 1),
        source="online",
    )
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "SĐT", "4 số cuối CCCD"])
    sheet.append([1, "Giàng A Páo", 912000101, None])  # Excel dropped the leading 0
    sheet.append([2, "LÒ THỊ MAI", None, "5678"])  # by name and ID digits, any case
    sheet.append([3, "Cà Thị Hoa", "０９１２０００１０３", None])  # full-width digits
    sheet.append([None, None, None, None])
    content = io.BytesIO()
    book.save(content)
    upload(
        client,
        setting["session"],
        "lop-tua-chua.xlsx",
        content.getvalue(),
        django_capture_on_commit_callbacks,
    )
    job = AttendanceImport.objects.get()
    assert (job.status, job.created_count, job.skipped_count, job.errors) == ("succeeded", 2, 1, [])
    head = CourseCompletion.objects.get(village_head=setting["head"])
    assert (head.source, head.completed_on, head.session) == (
        "in_person",
        date(2026, 3, 12),
        setting["session"],
    )
    assert CourseCompletion.objects.get(seller=setting["seller"]).learner_name == "Lò Thị Mai"
    assert CourseCompletion.objects.filter(staff=setting["staff"]).count() == 1
    # The same file again changes nothing.
    upload(
        client,
        setting["session"],
        "lop-tua-chua.xlsx",
        content.getvalue(),
        django_capture_on_commit_callbacks,
    )
    assert CourseCompletion.objects.count() == 3


def test_files_that_are_not_sheets_get_a_clear_answer(client, setting, django_capture_on_commit_callbacks):
    client.force_login(setting["official"])
    response = upload(
        client, setting["session"], "anh.jpg", b"\xff\xd8\xff", django_capture_on_commit_callbacks
    )
    assert response.status_code == 200 and "Chỉ nhận tệp Excel" in response.content.decode()
    upload(client, setting["session"], "hong.xlsx", b"not a zip", django_capture_on_commit_callbacks)
    upload(client, setting["session"], "khong-tieu-de.csv", b"a,b\n1,2\n", django_capture_on_commit_callbacks)
    upload(
        client,
        setting["session"],
        "latin1.csv",
        HEADER.encode("cp1258", "replace") + b"\xe0,1\n",
        django_capture_on_commit_callbacks,
    )
    reasons = [job.errors[0]["reason"] for job in AttendanceImport.objects.order_by("pk")]
    assert reasons[0].startswith("Không đọc được tệp Excel")
    assert "tiêu đề" in reasons[1]
    assert "UTF-8" in reasons[2]


def test_attendance_one_by_one(client, setting):
    client.force_login(setting["official"])
    url = reverse("training:session", args=[setting["session"].pk])
    response = client.post(url, {"phone": "0912000101"})
    assert response.status_code == 302
    assert CourseCompletion.objects.get().village_head == setting["head"]
    response = client.post(url, {"phone": "0912000104"})  # another commune's village head
    assert response.status_code == 200 and "không có ai" in response.content.decode().lower()
    response = client.post(url, {})
    assert response.status_code == 200 and CourseCompletion.objects.count() == 1


def test_commune_official_cannot_touch_another_communes_session(
    client, setting, django_capture_on_commit_callbacks
):
    client.force_login(setting["other"])
    session = setting["session"]
    assert client.get(reverse("training:session", args=[session.pk])).status_code == 403
    assert (
        client.post(reverse("training:session", args=[session.pk]), {"phone": "0912000101"}).status_code
        == 403
    )
    response = upload(
        client,
        session,
        "x.csv",
        (HEADER + "Giàng A Páo,0912000101,\n").encode(),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 403
    assert not CourseCompletion.objects.exists() and not AttendanceImport.objects.exists()
    # Nor create a session for it: the commune field only offers their own.
    response = client.post(
        reverse("training:session-new"),
        {
            "course": setting["course"].pk,
            "commune": session.commune_id,
            "held_on": "2026-03-12",
            "place": "UBND xã",
            "trainer": "A",
        },
    )
    assert response.status_code == 200 and TrainingSession.objects.count() == 1
    # A buyer or seller is no official at all.
    client.force_login(make_user("0912888888"))
    assert client.get(reverse("training:officials")).status_code == 403
    # The province official may.
    client.force_login(make_official("canbo.tinh"))
    assert client.get(reverse("training:session", args=[session.pk])).status_code == 200


def test_registry_kept_by_officials_of_the_commune(client, setting):
    client.force_login(setting["official"])
    response = client.post(
        reverse("training:village-head-new"),
        {
            "name": "Vàng A Chứ",
            "phone": "+84 912 000 222",
            "sex": "M",
            "role": "influential",
            "commune": commune("Tủa Chùa").pk,
            "village": "Bản Tả Phìn",
            "registered_on": "2026-02-01",
        },
    )
    assert response.status_code == 302
    head = VillageHead.objects.get(name="Vàng A Chứ")
    assert (head.phone, head.created_by) == ("0912000222", setting["official"])
    # Duplicate phone: a form error, not a 500.
    response = client.post(
        reverse("training:village-head-new"),
        {
            "name": "Trùng",
            "phone": "0912000222",
            "sex": "M",
            "role": "influential",
            "commune": commune("Tủa Chùa").pk,
            "village": "Bản",
            "registered_on": "2026-02-01",
        },
    )
    assert response.status_code == 200 and VillageHead.objects.filter(name="Trùng").count() == 0
    # Another commune's row is out of reach; the list shows only their own.
    other_row = setting["elsewhere"]
    assert client.get(reverse("training:village-head-edit", args=[other_row.pk])).status_code == 404
    listing = client.get(reverse("training:village-heads")).content.decode()
    assert "Vàng A Chứ" in listing and "Lò Văn Ún" not in listing


@pytest.mark.django_db(transaction=True)
def test_five_thousand_rows_in_a_real_worker_with_progress(client, celery_worker_process):
    course = make_course("Chụp ảnh sản phẩm bằng điện thoại", "everyone", lessons=[])
    official = make_official("canbo.tuachua", "Tủa Chùa")
    tua_chua = commune("Tủa Chùa")
    VillageHead.objects.bulk_create(
        VillageHead(name=f"Người học {n}", phone=f"09130{n:05d}", commune=tua_chua, village="Bản", sex="M")
        for n in range(5000)
    )
    session = TrainingSession.objects.create(
        course=course,
        course_title=course.title,
        commune=tua_chua,
        held_on=date(2026, 3, 12),
        place="Hội trường xã",
        trainer="Lò Văn Tâm",
        recorded_by=official,
    )
    sheet = HEADER + "".join(f"Người học {n},09130{n:05d},\n" for n in range(5000))
    client.force_login(official)
    response = client.post(
        reverse("training:session-import", args=[session.pk]),
        {"sheet": SimpleUploadedFile("5000.csv", sheet.encode())},
    )
    job = AttendanceImport.objects.get()
    progress_url = reverse("training:import-progress", args=[job.pk])
    assert response.url == reverse("training:import", args=[job.pk])
    readings = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        reading = client.get(progress_url).json()
        readings.append(reading)
        if reading["finished"]:
            break
        time.sleep(0.05)
    final = readings[-1]
    assert final["status"] == "succeeded", final
    assert (final["created"], final["percent"], final["total"]) == (5000, 100, 5000)
    # Progress was readable while the worker ran (not only queued, then done at once).
    assert any(r["status"] == "running" for r in readings)
    percents = [r["percent"] for r in readings]
    assert percents == sorted(percents)
    assert CourseCompletion.objects.filter(session=session).count() == 5000


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


def test_village_head_registry_from_excel_all_or_nothing(client, setting):
    client.force_login(setting["official"])
    url = reverse("training:village-heads-import")
    header = ["Họ và tên", "SĐT", "Giới tính", "Thôn/bản", "Dân tộc", "Vai trò", "Xã", "Ngày vào danh sách"]
    good = [
        ["Sùng A Lử", 912000301, "Nam", "Bản Tả Phìn", "H'Mông", "Trưởng bản", "", "01/02/2026"],
        ["Vàng Thị Mỷ", "0912 000 302", "Nữ", "Bản Sín Chải", "Mông", "Người có uy tín", "Xã Tủa Chùa", ""],
    ]
    bad = [
        ["Lò Văn Ún", "0912000303", "Nam", "Bản Hón", "Thái", "Trưởng bản", "Mường Ảng", ""],  # row 4
        ["Không Rõ", "0912000304", "?", "Bản", "Thái", "Trưởng bản", "", ""],  # row 5
    ]
    before = VillageHead.objects.count()
    response = client.post(url, {"sheet": SimpleUploadedFile("ds.xlsx", xlsx([header, *good, *bad]))})
    html = response.content.decode()
    assert response.status_code == 200 and "Dòng 4" in html and "Dòng 5" in html and "giới tính" in html
    assert VillageHead.objects.count() == before  # the good rows were not kept either
    response = client.post(url, {"sheet": SimpleUploadedFile("ds.xlsx", xlsx([header, *good]))})
    assert response.status_code == 302, re.findall(r"<li>Dòng.*?</li>", response.content.decode())
    lu = VillageHead.objects.get(phone="0912000301")
    assert (lu.commune.name, lu.ethnic_group.name, lu.registered_on, lu.created_by) == (
        "Tủa Chùa",
        "H'Mông",
        date(2026, 2, 1),
        setting["official"],
    )
    assert VillageHead.objects.get(phone="0912000302").role == "influential"
    # The same sheet again updates, never duplicates.
    client.post(url, {"sheet": SimpleUploadedFile("ds.xlsx", xlsx([header, *good]))})
    assert VillageHead.objects.count() == before + 2


def test_staff_registry_from_csv_by_the_province(client, setting):
    client.force_login(make_official("canbo.tinh"))
    sheet = (
        "Họ và tên,Số điện thoại,Giới tính,Đơn vị,Cấp,Xã\n"
        "Phạm Thị Thu,0912000401,Nữ,Sở Dân tộc và Tôn giáo,tỉnh,\n"
        "Lò Văn Tâm,0912000402,Nam,UBND xã Tủa Chùa,xã,Tủa Chùa\n"
    )
    response = client.post(
        reverse("training:staff-import"), {"sheet": SimpleUploadedFile("cb.csv", sheet.encode())}
    )
    assert response.status_code == 302
    assert AffairsStaff.objects.get(phone="0912000401").commune is None
    assert AffairsStaff.objects.get(phone="0912000402").commune.name == "Tủa Chùa"
    # A commune official cannot add province staff from a sheet either.
    client.force_login(setting["official"])
    response = client.post(
        reverse("training:staff-import"), {"sheet": SimpleUploadedFile("cb.csv", sheet.encode())}
    )
    assert response.status_code == 200 and "Dòng 2" in response.content.decode()


def test_sheet_as_communes_keep_it_title_rows_and_numbered_empty_rows(
    client, setting, django_capture_on_commit_callbacks
):
    """A title and a subtitle above the header, and numbered rows left empty at the end."""
    client.force_login(setting["official"])
    content = xlsx(
        [
            ["DANH SÁCH HỌC VIÊN LỚP BÁN HÀNG TRÊN MẠNG", None, None, None],
            ["Xã Tủa Chùa, ngày 12 tháng 3 năm 2026", None, None, None],
            [None, None, None, None],
            ["TT", "Họ và tên", "Số điện thoại", "4 số cuối CCCD"],  # row 4: the header
            [1, "Giàng A Páo", "0912000101", None],
            [2, "Lò Thị Mai", None, "5678"],
            [3, None, None, None],  # row 7: numbered, never filled in
            [4, None, None, None],
            ["5", "", "", ""],
        ]
    )
    upload(client, setting["session"], "danh-sach-lop.xlsx", content, django_capture_on_commit_callbacks)
    job = AttendanceImport.objects.get()
    assert (job.status, job.created_count, job.errors) == ("succeeded", 2, [])
    assert job.ignored_rows == [7, 8, 9]
    page = client.get(reverse("training:import", args=[job.pk])).content.decode()
    assert "7, 8, 9" in page and "bỏ qua" in page


def test_a_sheet_without_any_header_row_is_still_refused_by_name(
    client, setting, django_capture_on_commit_callbacks
):
    client.force_login(setting["official"])
    content = xlsx([["DANH SÁCH LỚP"], ["Giàng A Páo", "0912000101"]])
    upload(client, setting["session"], "khong-tieu-de.xlsx", content, django_capture_on_commit_callbacks)
    job = AttendanceImport.objects.get()
    assert job.status == "failed" and "tiêu đề" in job.errors[0]["reason"]


def test_refused_import_shows_no_full_progress_bar(client, setting, django_capture_on_commit_callbacks):
    client.force_login(setting["official"])
    upload(
        client,
        setting["session"],
        "x.csv",
        (HEADER + "Người Lạ,0912999999,\n").encode(),
        django_capture_on_commit_callbacks,
    )
    job = AttendanceImport.objects.get()
    page = client.get(reverse("training:import", args=[job.pk])).content.decode()
    assert job.status == "failed" and "Bị từ chối" in page
    assert 'role="progressbar"' not in page and "width:100%" not in page


def test_attendee_list_keeps_people_who_had_completed_elsewhere_with_their_role(
    client, setting, django_capture_on_commit_callbacks
):
    """Attendance is a fact of the class even when it adds no completion; roles as registered."""
    client.force_login(setting["official"])
    setting["head"].role = VillageHead.Role.INFLUENTIAL
    setting["head"].save()
    CourseCompletion.objects.create(
        course=setting["course"],
        course_title="x",
        audience="everyone",
        staff=setting["staff"],
        learner_name="Cà Thị Hoa",
        completed_on=date(2026, 3, 1),
        source="online",
    )
    sheet = HEADER + "Giàng A Páo,0912000101,\nLò Thị Mai,,5678\nCà Thị Hoa,0912000103,\n"
    upload(client, setting["session"], "lop.csv", sheet.encode(), django_capture_on_commit_callbacks)
    assert AttendanceImport.objects.get().status == "succeeded"
    assert CourseCompletion.objects.filter(session=setting["session"]).count() == 2
    page = client.get(reverse("training:session", args=[setting["session"].pk])).content.decode()
    assert "3 học viên" in page
    for name in ("Giàng A Páo", "Lò Thị Mai", "Cà Thị Hoa"):
        assert name in page
    head_row = re.search(r"Giàng A Páo</strong><small>(.*?)</small>", page).group(1)
    assert "Người có uy tín" in head_row and "trưởng bản" not in head_row.lower()
    staff_row = re.search(r"Cà Thị Hoa</strong><small>(.*?)</small>", page).group(1)
    assert "đã hoàn thành trước" in staff_row
    # Typing one of them in again records nothing twice.
    client.post(reverse("training:session", args=[setting["session"].pk]), {"phone": "0912000103"})
    page = client.get(reverse("training:session", args=[setting["session"].pk])).content.decode()
    assert "3 học viên" in page
