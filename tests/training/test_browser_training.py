"""At 360 px in Chromium: an editor builds a course with two lessons and a quiz in the Wagtail
admin; a village head takes it, fails the quiz once, passes, opens the certificate; the public
verification URL confirms it. Then a commune official records a class and imports its sheet."""

import re

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from cms.models import CourseIndexPage, CoursePage, HomePage
from cms.training.models import CourseCompletion, VillageHead

from .conftest import PASSWORD, make_official, make_user, make_village_head

COURSE = "Bán hàng qua Zalo cho bà con"


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def make_editor(index):
    editors = Group.objects.create(name="Biên tập viên khoá học")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for kind in ("add", "change", "publish"):
        GroupPagePermission.objects.create(group=editors, page=index, permission_type=kind)
    editor = make_user("bientap", email="bientap@ocop.test")
    editor.groups.add(editors)
    return editor


def publish(page):
    page.locator(".w-dropdown-button").get_by_role("button", name="More actions").click()
    page.click("button[name=action-publish]")
    # Published: Wagtail goes back to the parent's page listing.
    page.wait_for_url(re.compile(r"/cms/pages/\d+/$"))


def add_block(page, label):
    page.locator("button.c-sf-add-button[title='Insert a block']").last.click()
    page.click(f".w-combobox__option:has-text('{label}')")


def type_rich_text(page, name, text, marker):
    """Type into the Draftail editor, then wait until it has written its hidden field."""
    editor = page.locator(".public-DraftEditor-content").last
    editor.click()
    page.keyboard.type(text)
    page.wait_for_function(
        "([name, marker]) => document.querySelector(`[name='${name}']`).value.includes(marker)",
        arg=[name, marker],
    )


def add_list_item(page, inside_input_name):
    """The '+' of the innermost list that holds this field (a quiz's choices, say)."""
    container = page.locator(
        "[data-streamfield-list-container]", has=page.locator(f"[name='{inside_input_name}']")
    ).last
    container.locator("button[data-streamfield-list-add]").last.click()


def test_editor_builds_a_course_and_a_village_head_earns_its_certificate(phone, browser, live_server):
    home = HomePage.objects.get()
    index = home.add_child(instance=CourseIndexPage(title="Khoá học", slug="khoa-hoc"))
    index.save_revision().publish()
    make_editor(index)
    page = phone.page

    # 1. The editor builds the course in the Wagtail admin, on a phone.
    phone.goto("/cms/login/")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    phone.goto(f"/cms/pages/add/cms/coursepage/{index.pk}/", check=False)
    page.fill("input[name=title]", COURSE)
    page.select_option("select[name=audience]", "leaders")
    page.fill("input[name=summary]", "Đăng sản phẩm và trả lời khách trên Zalo.")
    page.fill("input[name=pass_mark]", "100")
    publish(page)
    course = CoursePage.objects.get(title=COURSE)
    assert course.live

    phone.goto(f"/cms/pages/add/cms/lessonpage/{course.pk}/", check=False)
    page.fill("input[name=title]", "Bài 1. Tạo trang Zalo của hộ")
    add_block(page, "Văn bản")
    type_rich_text(page, "body-0-value", "Dùng số điện thoại của hộ để tạo tài khoản Zalo.", "Zalo")
    publish(page)

    phone.goto(f"/cms/pages/add/cms/lessonpage/{course.pk}/", check=False)
    page.fill("input[name=title]", "Bài 2. Trả lời khách")
    add_block(page, "Văn bản")
    type_rich_text(page, "body-0-value", "Trả lời khách trong ngày, gửi ảnh thật của sản phẩm.", "ph")
    add_block(page, "Bài kiểm tra")
    prefix = "body-1-value-questions-0-value"
    page.fill(f"input[name={prefix}-question]", "Khi khách hỏi giá, bạn làm gì?")
    page.fill(f"input[name={prefix}-choices-0-value-text]", "Trả lời trong ngày, gửi ảnh thật")
    page.check(f"input[name={prefix}-choices-0-value-correct]")
    add_list_item(page, f"{prefix}-choices-0-value-text")
    page.fill(f"input[name={prefix}-choices-1-value-text]", "Để vài hôm rồi trả lời")
    page.fill(f"textarea[name={prefix}-explanation]", "Khách mua ngay khi được trả lời sớm.")
    phone.screenshot("training-01-admin-quiz", check=False)  # Wagtail's editor (Draftail) markup
    publish(page)
    lessons = list(course.lessons())
    assert [lesson.title for lesson in lessons] == ["Bài 1. Tạo trang Zalo của hộ", "Bài 2. Trả lời khách"]
    assert lessons[1].body[1].block_type == "quiz"

    # 2. A registered village head signs in with their phone: the registry row is linked.
    head = make_village_head("Giàng A Páo", "Sín Chải", phone="0912345678")
    make_user("0912345678")
    page.context.clear_cookies()
    phone.goto("/seller/login/")
    page.fill("input[name=username]", "0912 345 678")
    page.fill("input[name=password]", PASSWORD)
    page.click("#content_inner form button[type=submit]")
    page.wait_for_load_state()
    head.refresh_from_db()
    assert head.user is not None

    phone.goto(course.url)
    phone.screenshot("training-02-course")
    no_sideways_scroll(page)
    page.click("text=Bắt đầu học")
    page.wait_for_selector("text=Dùng số điện thoại của hộ")
    phone.screenshot("training-03-lesson")
    no_sideways_scroll(page)
    page.click("text=Tôi đã học xong bài này")

    # 3. The quiz: a wrong answer first (nothing in the page says which one is right) …
    page.wait_for_selector("text=Khi khách hỏi giá, bạn làm gì?")
    assert "correct" not in page.content().lower()
    page.check("label:has-text('Để vài hôm rồi trả lời') input")
    page.click("text=Nộp bài")
    page.wait_for_selector("text=Chưa đạt")
    phone.screenshot("training-04-quiz-failed")
    no_sideways_scroll(page)
    assert not CourseCompletion.objects.exists()
    # … then the right one.
    page.check("label:has-text('Trả lời trong ngày, gửi ảnh thật') input")
    page.click("text=Nộp bài lại")
    page.wait_for_selector("text=GIẤY CHỨNG NHẬN")
    completion = CourseCompletion.objects.get()
    assert completion.village_head == VillageHead.objects.get(pk=head.pk)
    assert page.locator(".tr-cert-name").inner_text() == "Giàng A Páo"
    assert page.locator(".tr-qr svg").count() == 1
    phone.screenshot("training-05-certificate")
    page.emulate_media(media="print")  # what the printer gets: the certificate alone
    phone.screenshot("training-05b-certificate-print")
    assert not page.locator(".site-header").is_visible()
    page.emulate_media(media="screen")
    no_sideways_scroll(page)
    verify_url = page.locator(".tr-url").inner_text()
    assert re.search(rf"/training/verify/{completion.code}/$", verify_url)

    phone.goto("/training/")
    page.wait_for_selector(f"text={COURSE}")
    phone.screenshot("training-06-my-learning")

    # 4. Anyone with the code (a stranger, not signed in) can check it: name, course, date only.
    stranger = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    check = stranger.new_page()
    check.goto(verify_url)
    text = check.locator("main").inner_text()
    assert "Giấy chứng nhận hợp lệ" in text and "Giàng A Páo" in text and COURSE in text
    assert completion.completed_on.strftime("%d/%m/%Y") in text
    assert "0912345678" not in text and "Sín Chải" not in text
    check.screenshot(path=str(phone_screens() / "training-07-verify.png"), full_page=True)
    stranger.close()


def phone_screens():
    from tests.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def test_commune_official_records_a_class_and_imports_its_sheet(phone, tmp_path):
    from .conftest import make_course

    course = make_course("An toàn trên mạng", "leaders")
    make_official("canbo.sinchai", "Sín Chải")
    for n, name in enumerate(["Giàng A Páo", "Sùng A Lử", "Vàng Thị Mỷ"]):
        make_village_head(name, "Sín Chải", phone=f"091234500{n}")
    page = phone.page
    phone.goto("/seller/login/")
    page.fill("input[name=username]", "canbo.sinchai")
    page.fill("input[name=password]", PASSWORD)
    page.click("#content_inner form button[type=submit]")
    phone.goto("/training/officials/")
    page.click("text=Ghi nhận lớp học trực tiếp")
    page.select_option("select[name=course]", label=course.title)
    page.fill("input[name=held_on]", "2026-03-12")
    page.fill("input[name=place]", "Nhà văn hoá bản Háng Đề Dê")
    page.fill("input[name=trainer]", "Lò Văn Tâm")
    phone.screenshot("training-08-official-session-form")
    no_sideways_scroll(page)
    page.click("#content_inner form button[type=submit]")
    page.fill("input[name=phone]", "0912345000")
    page.click("text=Ghi nhận đã học")
    page.wait_for_selector("text=Đã ghi nhận Giàng A Páo")
    sheet = tmp_path / "diem-danh.csv"
    sheet.write_text("Họ và tên,Số điện thoại\nSùng A Lử,0912345001\nVàng Thị Mỷ,0912 345 002\n", "utf-8")
    page.set_input_files("input[name=sheet]", str(sheet))
    page.click("text=Tải lên và nhập")
    page.wait_for_selector("text=Đã ghi nhận 2 học viên")
    phone.screenshot("training-09-official-import")
    no_sideways_scroll(page)
    page.click("text=Về lớp học")
    page.wait_for_selector("text=3 học viên")
    phone.screenshot("training-10-official-session")
    phone.goto("/training/officials/village-heads/")
    phone.screenshot("training-11-official-registry")
    no_sideways_scroll(page)
    assert CourseCompletion.objects.filter(source="in_person").count() == 3
