"""Demo training: courses with lessons and quizzes, village heads and staff in several communes,
in-person sessions and online completions — some people trained, not everyone (I4–I6 sit
between 10 % and 90 %). Everything goes through the training services; reruns add nothing.
"""

from __future__ import annotations

import json
import uuid
import zlib
from datetime import timedelta

from django.contrib.auth.models import Group
from django.http import QueryDict

from cms.models import CourseIndexPage, CoursePage, LessonPage
from cms.training import services
from cms.training.models import AffairsStaff, CourseCompletion, TrainingSession, VillageHead
from cms.training.quiz import questions_of
from sellers.models import Commune, EthnicGroup, Seller
from sellers.services import VILLAGE_HEADS

from .builders import ensure_child, ensure_user


def text(html):
    return ("text", html)


def quiz(*questions):
    """quiz(("Câu hỏi", ["đúng", …], ["sai", …], "giải thích"), …)"""
    return (
        "quiz",
        {
            "title": "Bài kiểm tra",
            "questions": [
                {"question": question, "choices": _mixed(question, right, wrong), "explanation": why}
                for question, right, wrong, why in questions
            ],
        },
    )


def _mixed(question, right, wrong):
    """The right answer is not always first: its place depends on the question (stable)."""
    choices = [{"text": t, "correct": False} for t in wrong]
    place = zlib.crc32(question.encode()) % (len(choices) + 1)
    return choices[:place] + [{"text": t, "correct": True} for t in right] + choices[place:]


# slug -> (title, audience, minutes, summary, introduction, [(lesson title, [blocks])]).
# The first four courses existed before lessons did (one rich-text body each); their body
# becomes the introduction and their sections become lessons.
COURSES = {
    "ban-hang-truc-tuyen": (
        "Bán hàng trên sàn thương mại điện tử",
        "sellers",
        45,
        "Đăng sản phẩm, viết mô tả, nhận và giao đơn hàng đầu tiên trên sàn.",
        "<p>Khoá học cho hộ sản xuất, hợp tác xã và doanh nghiệp có sản phẩm OCOP.</p>",
        [
            (
                "Bài 1. Đăng sản phẩm và viết mô tả",
                [
                    text(
                        "<p>Một sản phẩm tốt trên sàn có: <b>tên rõ ràng</b> (loại sản phẩm, nơi làm, "
                        "khối lượng), <b>ảnh thật</b>, <b>giá</b> và <b>số lượng còn</b>.</p><ul><li>Nói "
                        "sản phẩm làm ở bản nào, ai làm, làm thế nào.</li><li>Ghi hạn dùng và cách bảo "
                        "quản.</li><li>Ghi số sao OCOP và số quyết định công nhận.</li></ul>"
                    ),
                ],
            ),
            (
                "Bài 2. Nhận và giao đơn",
                [
                    text(
                        "<p>Xác nhận đơn ngay trong ngày. Đóng gói chắc chắn, ghi số điện thoại người nhận "
                        "ngoài gói hàng. Nhập mã vận đơn để người mua theo dõi.</p>"
                    ),
                ],
            ),
            (
                "Bài 3. Kiểm tra cuối khoá",
                [
                    text("<p>Trả lời 3 câu hỏi. Cần đúng ít nhất 2 câu.</p>"),
                    quiz(
                        (
                            "Tên sản phẩm nên có gì?",
                            ["Loại sản phẩm, nơi làm và khối lượng"],
                            ["Chỉ tên hộ gia đình", "Càng ngắn càng tốt, một chữ"],
                            "Người mua tìm theo loại sản phẩm và nơi làm.",
                        ),
                        (
                            "Khi có đơn mới, bạn làm gì trước?",
                            ["Xác nhận đơn trong ngày"],
                            ["Chờ người mua gọi điện", "Giao hàng rồi mới xác nhận"],
                            "Xác nhận sớm để người mua yên tâm.",
                        ),
                        (
                            "Mã vận đơn dùng để làm gì?",
                            ["Người mua theo dõi gói hàng"],
                            ["Để tính thuế", "Không cần thiết"],
                            "Có mã vận đơn, người mua biết hàng đang ở đâu.",
                        ),
                    ),
                ],
            ),
        ],
    ),
    "thanh-toan-vietqr": (
        "Mở tài khoản và nhận thanh toán qua VietQR",
        "everyone",
        30,
        "Đăng ký tài khoản nhận tiền, in mã VietQR, kiểm tra tiền về trước khi giao hàng.",
        "<p>Nhận tiền bán hàng an toàn, không cần tiền mặt.</p>",
        [
            (
                "Bài 1. Tài khoản nhận tiền",
                [
                    text(
                        "<p>Dùng tài khoản ngân hàng <b>đứng tên người đại diện</b> của hộ hoặc hợp tác xã. "
                        "Cán bộ xã sẽ xác minh tài khoản trước khi bạn nhận tiền qua sàn.</p>"
                    ),
                ],
            ),
            (
                "Bài 2. Mã VietQR và kiểm tra tiền về",
                [
                    text(
                        "<p>Người mua quét mã VietQR bằng bất kỳ ứng dụng ngân hàng nào; số tiền và mã đơn "
                        "đã điền sẵn. <b>Chỉ giao hàng khi sàn báo đã nhận tiền</b>, không tin ảnh chụp màn "
                        "hình chuyển khoản.</p>"
                    ),
                    quiz(
                        (
                            "Tài khoản nhận tiền nên đứng tên ai?",
                            ["Người đại diện của hộ hoặc hợp tác xã"],
                            ["Bất kỳ người quen nào", "Người mua hàng"],
                            "Tên tài khoản phải khớp người bán.",
                        ),
                        (
                            "Người mua gửi ảnh chụp đã chuyển khoản. Bạn làm gì?",
                            ["Chờ sàn báo đã nhận tiền rồi mới giao"],
                            ["Giao hàng ngay"],
                            "Ảnh chụp màn hình có thể bị làm giả.",
                        ),
                    ),
                ],
            ),
        ],
    ),
    "an-toan-tren-mang": (
        "An toàn trên mạng: nhận biết lừa đảo",
        "leaders",
        30,
        "Những chiêu lừa thường gặp, bảo vệ mã OTP và thông tin căn cước.",
        "<p>Dành cho trưởng bản và người có uy tín, để nhắc bà con trong các buổi họp bản.</p>",
        [
            (
                "Bài 1. Không bao giờ đọc mã OTP cho người khác",
                [
                    text(
                        "<p>Ngân hàng, công an và cán bộ <b>không bao giờ</b> hỏi mã OTP. Ai hỏi mã OTP là "
                        "kẻ lừa đảo.</p>"
                    ),
                ],
            ),
            (
                "Bài 2. Đường link lạ và giúp bà con",
                [
                    text(
                        "<p>Không bấm vào đường link nhận qua tin nhắn lạ. Trưởng bản nhắc bà con những điều "
                        "này trong các buổi họp bản.</p>"
                    ),
                    quiz(
                        (
                            "Ai được phép hỏi mã OTP của bạn?",
                            ["Không ai cả"],
                            ["Nhân viên ngân hàng", "Cán bộ xã"],
                            "Mã OTP chỉ mình bạn biết.",
                        ),
                        (
                            "Nhận tin nhắn trúng thưởng có đường link. Bạn làm gì?",
                            ["Không bấm, xoá tin nhắn"],
                            ["Bấm vào để nhận thưởng", "Gửi cho cả bản"],
                            "Đường link lạ có thể lấy cắp tài khoản.",
                        ),
                    ),
                ],
            ),
        ],
    ),
    "chuyen-doi-so-cho-can-bo": (
        "Chuyển đổi số trong công tác dân tộc (dành cho cán bộ)",
        "staff",
        60,
        "Xác minh người bán, ghi nhận tập huấn, đọc các chỉ tiêu chuyển đổi số của xã.",
        "<p>Dành cho cán bộ làm công tác dân tộc cấp xã và cấp tỉnh.</p>",
        [
            (
                "Bài 1. Xác minh hồ sơ người bán",
                [
                    text(
                        "<p>Kiểm tra giấy tờ, duyệt hoặc yêu cầu bổ sung, luôn nêu rõ lý do để người bán "
                        "biết cần làm gì.</p>"
                    ),
                ],
            ),
            (
                "Bài 2. Ghi nhận tập huấn và đọc chỉ tiêu",
                [
                    text(
                        "<p>Sau mỗi lớp tập huấn trực tiếp, nhập danh sách người dự lớp (Excel hoặc CSV). "
                        "Mỗi chỉ tiêu có tử số, mẫu số và mục tiêu năm.</p>"
                    ),
                    quiz(
                        (
                            "Khi yêu cầu người bán bổ sung hồ sơ, cán bộ cần làm gì?",
                            ["Ghi rõ lý do"],
                            ["Không cần ghi gì", "Gọi điện là đủ"],
                            "Lý do được gửi cho người bán.",
                        ),
                        (
                            "Một dòng trong tệp danh sách bị sai thì sao?",
                            ["Cả tệp bị từ chối, sửa dòng đó rồi tải lại"],
                            ["Các dòng khác vẫn được nhập"],
                            "Nhập tất cả hoặc không nhập gì: số liệu không bị thiếu nửa chừng.",
                        ),
                    ),
                ],
            ),
        ],
    ),
    "chup-anh-san-pham": (
        "Chụp ảnh sản phẩm bằng điện thoại",
        "everyone",
        20,
        "Ánh sáng, nền, góc chụp: ảnh đẹp làm sản phẩm bán chạy hơn.",
        "<p>Chỉ cần điện thoại và một góc có ánh sáng tự nhiên.</p>",
        [
            (
                "Bài 1. Ánh sáng và nền",
                [
                    text(
                        "<p>Chụp gần cửa sổ hoặc ngoài hiên, tránh nắng gắt. Dùng nền đơn giản: tấm vải, "
                        "mặt bàn gỗ, nong tre.</p>"
                    ),
                ],
            ),
            (
                "Bài 2. Góc chụp và tem OCOP",
                [
                    text("<p>Chụp cả bao bì và tem OCOP, một ảnh cận cảnh sản phẩm, một ảnh khi dùng.</p>"),
                    quiz(
                        (
                            "Nên chụp ảnh sản phẩm ở đâu?",
                            ["Nơi có ánh sáng tự nhiên"],
                            ["Trong phòng tối", "Dưới đèn màu"],
                            "Ánh sáng tự nhiên cho màu thật.",
                        ),
                        (
                            "Ảnh nào nên có?",
                            ["Bao bì có tem OCOP"],
                            ["Ảnh tải trên mạng về"],
                            "Ảnh thật của chính sản phẩm giúp người mua tin tưởng.",
                        ),
                    ),
                ],
            ),
        ],
    ),
}

# Registries: (commune, [(name, sex, ethnic code, village, role)]).
VILLAGE_HEADS_BY_COMMUNE = {
    "Thanh Nưa": [
        ("Lò Văn Hặc", "M", "03", "Bản Mển", "village_head"),
        ("Quàng Thị Hoa", "F", "03", "Bản Hồng Lứu", "village_head"),
        ("Cà Văn Chung", "M", "03", "Bản Phiêng Lơi", "influential"),
        ("Lường Văn Xôm", "M", "03", "Bản Co Mỵ", "village_head"),
        ("Tòng Thị Pâng", "F", "03", "Bản Che Căn", "influential"),
        ("Lò Văn Pọm", "M", "03", "Bản Noong Nhai", "village_head"),
    ],
    "Sín Chải": [
        ("Giàng A Páo", "M", "08", "Bản Háng Đề Dê", "village_head"),
        ("Sùng A Lử", "M", "08", "Bản Sín Chải", "village_head"),
        ("Vàng Thị Mỷ", "F", "08", "Bản Tả Phìn", "influential"),
        ("Mùa A Dơ", "M", "08", "Bản Lồng Sua Chơ", "village_head"),
        ("Thào A Sình", "M", "08", "Bản Pàng Dê", "influential"),
    ],
    "Tủa Chùa": [
        ("Vàng A Chứ", "M", "08", "Bản Tà Si Láng", "village_head"),
        ("Lầu Thị Dợ", "F", "08", "Bản Phì Cao", "village_head"),
        ("Hạng A Sùng", "M", "08", "Bản Sín Chải", "influential"),
        ("Lý A Pó", "M", "11", "Bản Hấu Chua", "village_head"),
    ],
    "Mường Ảng": [
        ("Lò Văn Ún", "M", "03", "Bản Hón", "village_head"),
        ("Quàng Văn Tâm", "M", "03", "Bản Xuân Tre", "village_head"),
        ("Cà Thị Sương", "F", "13", "Bản Co Muông", "influential"),
        ("Vì Văn Thắng", "M", "13", "Bản Thẳm Xả", "village_head"),
    ],
    "Mường Phăng": [
        ("Lò Văn Biên", "M", "03", "Bản Phăng", "village_head"),
        ("Tòng Văn Hạnh", "M", "03", "Bản Che Căn", "village_head"),
        ("Lường Thị Nga", "F", "03", "Bản Khẩu Cắm", "influential"),
    ],
}
STAFF = [
    # name, sex, unit, commune (None: province level)
    ("Phạm Thị Thu", "F", "Sở Dân tộc và Tôn giáo tỉnh Điện Biên", None),
    ("Lê Văn Hùng", "M", "Sở Dân tộc và Tôn giáo tỉnh Điện Biên", None),
    ("Nguyễn Thị Lan", "F", "Sở Khoa học và Công nghệ tỉnh Điện Biên", None),
    ("Lò Văn Hặc", "M", "UBND xã Thanh Nưa", "Thanh Nưa"),
    ("Tòng Thị Liên", "F", "UBND xã Thanh Nưa", "Thanh Nưa"),
    ("Giàng A Tủa", "M", "UBND xã Sín Chải", "Sín Chải"),
    ("Vàng Thị Chua", "F", "UBND xã Tủa Chùa", "Tủa Chùa"),
    ("Cà Văn Dũng", "M", "UBND xã Mường Ảng", "Mường Ảng"),
    ("Lường Thị Thảo", "F", "UBND xã Mường Phăng", "Mường Phăng"),
    ("Quàng Văn Nam", "M", "UBND xã Mường Phăng", "Mường Phăng"),
]
DEMO_VILLAGE_HEAD = ("Sín Chải", "Giàng A Páo")
VILLAGE_HEAD_LOGIN = "truongban@ocop.test"


def _phone(kind, name):
    """A stable, made-up mobile number for a demo person (097… never clashes with sellers)."""
    return f"097{zlib.crc32(f'{kind}:{name}'.encode()) % 10_000_000:07d}"


def _days(name, low, high):
    return low + zlib.crc32(name.encode()) % (high - low)


def _trained(name, share):
    """Deterministic pick of about ``share`` of the people."""
    return zlib.crc32(name.encode()) % 100 < share * 100


def ensure_training(seeder):
    index = CourseIndexPage.objects.first()
    if index is None:
        return
    courses = {slug: ensure_course(index, slug, spec) for slug, spec in COURSES.items()}
    officials = {"commune": seeder.users["commune"], "province": seeder.users["province"]}
    heads, staff = ensure_registries(seeder, officials)
    ensure_sessions(seeder, officials, courses, heads, staff)
    ensure_online_completions(seeder, courses, heads)


def ensure_course(index, slug, spec):
    title, audience, minutes, summary, intro, lessons = spec
    course = ensure_child(
        index,
        CoursePage,
        slug=slug,
        title=title,
        audience=audience,
        duration_minutes=minutes,
        summary=summary,
        body=intro,
        pass_mark=60,
    )
    if course.get_children().exists():
        return course
    # A course from before lessons existed: its body becomes a short introduction.
    course.title, course.body, course.pass_mark, course.audience = title, intro, 60, audience
    course.save_revision().publish()
    for number, (lesson_title, blocks) in enumerate(lessons, start=1):
        raw = [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]
        ensure_child(course, LessonPage, slug=f"bai-{number}", title=lesson_title, body=json.dumps(raw))
    return CoursePage.objects.get(pk=course.pk)


def ensure_registries(seeder, officials):
    groups = {g.code: g for g in EthnicGroup.objects.all()}
    communes = {c.name: c for c in Commune.objects.all()}
    heads = []
    for commune_name, people in VILLAGE_HEADS_BY_COMMUNE.items():
        commune = communes[commune_name]
        # The commune official keeps their own commune's list; the province official the others.
        official = officials["commune" if commune_name == "Thanh Nưa" else "province"]
        for name, sex, ethnic, village, role in people:
            phone = _phone("head", name + commune_name)
            head = VillageHead.objects.filter(phone=phone).first()
            if head is None:
                head = services.save_registry_entry(
                    official,
                    VillageHead(
                        name=name,
                        phone=phone,
                        sex=sex,
                        commune=commune,
                        village=village,
                        ethnic_group=groups[ethnic],
                        role=role,
                        registered_on=seeder.today - timedelta(days=_days(name, 200, 500)),
                        citizen_id_last4=f"{zlib.crc32(name.encode()) % 10_000:04d}",
                    ),
                )
            heads.append(head)
    staff = []
    for name, sex, unit, commune_name in STAFF:
        phone = _phone("staff", name + unit)
        row = AffairsStaff.objects.filter(phone=phone).first()
        if row is None:
            row = services.save_registry_entry(
                officials["province"],
                AffairsStaff(
                    name=name,
                    phone=phone,
                    sex=sex,
                    unit=unit,
                    level="province" if commune_name is None else "commune",
                    commune=communes.get(commune_name),
                    registered_on=seeder.today - timedelta(days=_days(name, 250, 600)),
                ),
            )
        staff.append(row)
    # The demo village head can sign in (truongban@ocop.test) and help households register.
    commune_name, name = DEMO_VILLAGE_HEAD
    demo = next(h for h in heads if h.name == name and h.commune.name == commune_name)
    if demo.user_id is None:
        user = ensure_user(VILLAGE_HEAD_LOGIN, "Páo", "Giàng A")
        Group.objects.get_or_create(name=VILLAGE_HEADS)[0].user_set.add(user)
        VillageHead.objects.filter(pk=demo.pk).update(user=user)
        demo.user = user
    return heads, staff


def ensure_sessions(seeder, officials, courses, heads, staff):
    """In-person classes in several communes; about half of the people attended one."""
    sellers = list(Seller.objects.filter(status=Seller.Status.VERIFIED).select_related("commune"))
    plan = [
        # (days ago, course, commune or None, place, trainer, attendees)
        (
            210,
            "ban-hang-truc-tuyen",
            "Thanh Nưa",
            "Nhà văn hoá bản Mển",
            "Lò Văn Tâm",
            [("seller", s) for s in sellers if s.commune.name == "Thanh Nưa" and _trained(s.slug, 0.6)],
        ),
        (
            150,
            "an-toan-tren-mang",
            "Sín Chải",
            "Hội trường UBND xã Sín Chải",
            "Giàng A Tủa",
            [("village_head", h) for h in heads if h.commune.name == "Sín Chải" and _trained(h.name, 0.7)],
        ),
        (
            90,
            "chup-anh-san-pham",
            None,
            "Hội trường Sở Dân tộc và Tôn giáo",
            "Nguyễn Thị Lan",
            [("seller", s) for s in sellers if s.commune.name != "Thanh Nưa" and _trained(s.slug, 0.3)],
        ),
        (
            60,
            "an-toan-tren-mang",
            "Thanh Nưa",
            "Nhà văn hoá bản Hồng Lứu",
            "Lò Văn Hặc",
            [("village_head", h) for h in heads if h.commune.name == "Thanh Nưa" and _trained(h.name, 0.6)],
        ),
        (
            30,
            "chuyen-doi-so-cho-can-bo",
            None,
            "Hội trường Sở Dân tộc và Tôn giáo",
            "Phạm Thị Thu",
            [("staff", s) for s in staff if _trained(s.name, 0.5)],
        ),
        (
            12,
            "thanh-toan-vietqr",
            "Mường Ảng",
            "Nhà văn hoá bản Hón",
            "Cà Văn Dũng",
            [("village_head", h) for h in heads if h.commune.name == "Mường Ảng" and _trained(h.name, 0.5)],
        ),
    ]
    for days_ago, slug, commune_name, place, trainer, attendees in plan:
        official = officials["commune" if commune_name == "Thanh Nưa" else "province"]
        held_on = seeder.today - timedelta(days=days_ago)
        course = courses[slug]
        session = TrainingSession.objects.filter(course=course, held_on=held_on, place=place).first()
        if session is None:
            commune = Commune.objects.get(name=commune_name) if commune_name else None
            session = services.record_session(
                official, course=course, commune=commune, held_on=held_on, place=place, trainer=trainer
            )
        for kind, person in attendees:
            services.record_attendance(official, session, {kind: person})


def ensure_online_completions(seeder, courses, heads):
    """The demo seller and the demo village head learned online, through the real quiz."""
    head_user = next(h.user for h in heads if h.user_id)
    learners = [(seeder.users["seller"], "thanh-toan-vietqr"), (head_user, "chup-anh-san-pham")]
    for user, slug in learners:
        if CourseCompletion.objects.filter(user=user, course=courses[slug]).exists():
            continue
        for lesson in courses[slug].lessons():
            if questions_of(lesson):
                answers = QueryDict(mutable=True)
                for question in questions_of(lesson):
                    answers.setlist(f"q-{question.key}", [str(n) for n in question.correct])
                services.submit_quiz(user, lesson, answers)
            else:
                services.mark_lesson_done(user, lesson)
