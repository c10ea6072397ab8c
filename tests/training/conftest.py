"""Training test data: a course with lessons and a quiz, registries, officials and learners."""

import json
import uuid
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from cms.models import CourseIndexPage, CoursePage, LessonPage
from cms.services import ensure_home_page
from cms.training.models import AffairsStaff, VillageHead
from sellers.models import Commune, EthnicGroup, OfficialProfile, Seller
from tests.in_process import _tasks_run_in_process  # noqa: F401 - autouse fixtures

User = get_user_model()
PASSWORD = "Mat-khau-2025"

QUIZ = {
    "title": "Kiểm tra cuối khoá",
    "questions": [
        {
            "question": "Ai được phép hỏi mã OTP của bạn?",
            "choices": [
                {"text": "Nhân viên ngân hàng", "correct": False},
                {"text": "Không ai cả", "correct": True},
                {"text": "Cán bộ xã", "correct": False},
            ],
            "explanation": "Mã OTP chỉ mình bạn biết.",
        },
        {
            "question": "Ảnh sản phẩm nên chụp ở đâu?",
            "choices": [
                {"text": "Nơi có ánh sáng tự nhiên", "correct": True},
                {"text": "Trong phòng tối", "correct": False},
            ],
            "explanation": "Ánh sáng tự nhiên cho màu thật.",
        },
    ],
}


def commune(name):
    return Commune.objects.get(name=name)


def ethnic(name="H'Mông"):
    return EthnicGroup.objects.get(name=name)


def make_user(username, **extra):
    return User.objects.create_user(username=username, password=PASSWORD, **extra)


def make_official(username, commune_name=None):
    user = make_user(username, email=f"{username}@ubnd.dienbien.gov.vn")
    OfficialProfile.objects.create(user=user, commune=commune(commune_name) if commune_name else None)
    return user


def make_seller(name, commune_name="Tủa Chùa", user=None, phone="", last4=""):
    return Seller.objects.create(
        name=name,
        slug=f"s-{uuid.uuid4().hex[:10]}",
        entity_type=Seller.EntityType.HOUSEHOLD,
        commune=commune(commune_name),
        rep_name=name.removeprefix("Hộ "),
        rep_sex="F",
        phone=phone,
        user=user,
        rep_citizen_id_last4=last4,
        status=Seller.Status.VERIFIED,
    )


def make_village_head(name, commune_name="Tủa Chùa", phone="", registered_on=date(2026, 1, 5), **extra):
    return VillageHead.objects.create(
        name=name,
        phone=phone,
        commune=commune(commune_name),
        village=extra.pop("village", "Bản Sín Chải"),
        ethnic_group=ethnic(),
        sex=extra.pop("sex", "M"),
        registered_on=registered_on,
        **extra,
    )


def make_staff(name, commune_name="Tủa Chùa", phone="", registered_on=date(2026, 1, 5), **extra):
    level = AffairsStaff.Level.PROVINCE if commune_name is None else AffairsStaff.Level.COMMUNE
    return AffairsStaff.objects.create(
        name=name,
        phone=phone,
        unit=extra.pop("unit", "UBND xã"),
        level=level,
        commune=commune(commune_name) if commune_name else None,
        sex=extra.pop("sex", "F"),
        registered_on=registered_on,
        **extra,
    )


def stream(*blocks):
    """StreamField raw data: [("text", "<p>…</p>"), ("quiz", {...})]."""
    return json.dumps([{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks])


def make_course(title="An toàn trên mạng", audience="leaders", lessons=None, pass_mark=100, slug=None):
    """A published course under the course index, with published lessons."""
    home = ensure_home_page()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=CourseIndexPage(title="Khoá học", slug="khoa-hoc"))
        index.save_revision().publish()
    course = index.add_child(
        instance=CoursePage(
            title=title,
            slug=slug or f"kh-{uuid.uuid4().hex[:8]}",
            audience=audience,
            summary="Khoá học ngắn",
            pass_mark=pass_mark,
        )
    )
    course.save_revision().publish()
    if lessons is None:
        lessons = [
            ("Bài 1. Mã OTP", stream(("text", "<p>Không bao giờ đọc mã OTP cho người khác.</p>"))),
            ("Bài 2. Kiểm tra", stream(("text", "<p>Ôn lại rồi làm bài.</p>"), ("quiz", QUIZ))),
        ]
    for n, (lesson_title, body) in enumerate(lessons, start=1):
        lesson = course.add_child(instance=LessonPage(title=lesson_title, slug=f"bai-{n}", body=body))
        lesson.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


@pytest.fixture
def course(db):
    return make_course()
