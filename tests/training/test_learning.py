"""Courses, lessons and quizzes: page-type rules, answers kept on the server, completion once."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.models import CourseIndexPage, CoursePage, HomePage, LessonPage, NewsIndexPage
from cms.training.models import CourseCompletion, LessonProgress, QuizAttempt
from cms.training.quiz import questions_of

from .conftest import PASSWORD, make_user, make_village_head

pytestmark = pytest.mark.django_db


def test_page_type_rules(course):
    index, home = course.get_parent().specific, HomePage.objects.get()
    news = NewsIndexPage(title="Tin", slug="tin")
    home.add_child(instance=news)
    assert LessonPage.allowed_parent_page_models() == [CoursePage]
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert CoursePage.allowed_subpage_models() == [LessonPage]
    assert LessonPage.allowed_subpage_models() == []
    assert LessonPage.can_create_at(course)
    for wrong_parent in (index, home, news):
        assert not LessonPage.can_create_at(wrong_parent)
    assert CoursePage.can_create_at(index)
    assert not CoursePage.can_create_at(home) and not CoursePage.can_create_at(news)
    assert not CoursePage.can_create_at(Page.get_first_root_node())
    assert not CourseIndexPage.can_create_at(home)  # one course index only (max_count)


def lessons(course):
    return list(course.lessons())


def signed_in(client, username="0912345001", name="Lò Văn Hặc"):
    user = make_user(username, first_name=name)
    client.force_login(user)
    return user


def right_answers(lesson):
    return {f"q-{q.key}": [str(n) for n in q.correct] for q in questions_of(lesson)}


def wrong_answers(lesson):
    return {
        f"q-{q.key}": [str(next(n for n in range(len(q.choices)) if n not in q.correct))]
        for q in questions_of(lesson)
    }


def test_quiz_answers_never_reach_the_browser(client, course):
    signed_in(client)
    _reading, quiz_lesson = lessons(course)
    html = client.get(quiz_lesson.url).content.decode()
    assert "Ai được phép hỏi mã OTP của bạn?" in html and "Không ai cả" in html
    # Every choice input looks alike apart from its position: nothing marks the right one.
    inputs = re.findall(r"<input[^>]*name=\"q-[^\"]+\"[^>]*>", html)
    assert len(inputs) == 5
    shapes = {re.sub(r'value="\d+"', "", tag) for tag in inputs}
    assert len(shapes) == 2  # one shape per question (its name), not per choice
    quiz = html[html.index('<section class="tr-quiz"') : html.index("</section>")]
    for leak in ("correct", "true", "checked", "data-"):  # no flag of any kind on the right choice
        assert leak not in quiz.lower()
    assert "correct" not in html.lower()  # nor anywhere else (no block JSON)
    assert "Mã OTP chỉ mình bạn biết" not in html  # explanations only after an attempt


def test_forged_passed_post_is_refused(client, course):
    user = signed_in(client)
    reading, quiz_lesson = lessons(course)
    client.post(reverse("training:lesson-done", args=[reading.pk]))
    forged = {**wrong_answers(quiz_lesson), "passed": "1", "score": "100", "correct": "2"}
    response = client.post(reverse("training:quiz", args=[quiz_lesson.pk]), forged)
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get(user=user)
    assert (attempt.passed, attempt.score) == (False, 0)
    assert not LessonProgress.objects.filter(user=user, lesson=quiz_lesson).exists()
    # Marking a quiz lesson "done" without passing is refused too.
    client.post(reverse("training:lesson-done", args=[quiz_lesson.pk]))
    assert not LessonProgress.objects.filter(user=user, lesson=quiz_lesson).exists()
    assert not CourseCompletion.objects.exists()
    # Invalid choice positions are ignored, not a 500.
    junk = {key: ["99", "-1", "x"] for key in right_answers(quiz_lesson)}
    assert client.post(reverse("training:quiz", args=[quiz_lesson.pk]), junk).status_code == 302
    assert client.get(reverse("training:quiz", args=[quiz_lesson.pk])).status_code == 405


def test_fail_retry_pass_completes_once_with_best_score(client, course):
    user = signed_in(client)
    reading, quiz_lesson = lessons(course)
    quiz_url = reverse("training:quiz", args=[quiz_lesson.pk])
    # Passing the quiz before reading the first lesson does not complete the course.
    client.post(quiz_url, wrong_answers(quiz_lesson))
    response = client.post(quiz_url, right_answers(quiz_lesson))
    assert not CourseCompletion.objects.exists()
    response = client.post(reverse("training:lesson-done", args=[reading.pk]))
    completion = CourseCompletion.objects.get()
    assert response.url == reverse("training:certificate", args=[completion.code])
    assert (completion.user, completion.source, completion.best_score) == (user, "online", 100)
    # Again and again: still one completion.
    client.post(quiz_url, right_answers(quiz_lesson))
    client.post(reverse("training:lesson-done", args=[reading.pk]))
    assert CourseCompletion.objects.count() == 1
    assert QuizAttempt.objects.filter(user=user).count() == 3
    # After an attempt the page shows the result and the explanations.
    html = client.get(quiz_lesson.url).content.decode()
    assert "Mã OTP chỉ mình bạn biết" in html
    mine = client.get(reverse("training:mine")).content.decode()
    assert course.title in mine and "Hoàn thành" in mine


def test_village_head_account_linked_on_sign_in_and_named_on_certificate(client, course):
    head = make_village_head("Giàng A Páo", phone="0912345777")
    user = make_user("0912345777")
    response = client.post(reverse("sellers:login"), {"username": "0912 345 777", "password": PASSWORD})
    assert response.status_code == 302
    head.refresh_from_db()
    assert head.user == user
    reading, quiz_lesson = lessons(course)
    client.post(reverse("training:lesson-done", args=[reading.pk]))
    client.post(reverse("training:quiz", args=[quiz_lesson.pk]), right_answers(quiz_lesson))
    completion = CourseCompletion.objects.get()
    assert (completion.village_head, completion.learner_name) == (head, "Giàng A Páo")
    page = client.get(reverse("training:certificate", args=[completion.code])).content.decode()
    assert "Giàng A Páo" in page and completion.code in page and "<svg" in page


def test_certificate_private_and_verification_public_minimal(client, course):
    head = make_village_head("Lò Thị Hoa", phone="0912345888", village="Bản Huổi Só", sex="F")
    user = make_user("0912345888")
    head.user = user
    head.save()
    client.force_login(user)
    reading, quiz_lesson = lessons(course)
    client.post(reverse("training:lesson-done", args=[reading.pk]))
    client.post(reverse("training:quiz", args=[quiz_lesson.pk]), right_answers(quiz_lesson))
    completion = CourseCompletion.objects.get()
    client.logout()
    # Someone else cannot open the certificate page; the public verification shows only 3 facts.
    signed_in(client, "0912345999", "Người khác")
    assert client.get(reverse("training:certificate", args=[completion.code])).status_code == 404
    client.logout()
    response = client.get(reverse("training:verify", args=[completion.code.lower()]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lò Thị Hoa" in html and course.title in html
    assert completion.completed_on.strftime("%d/%m/%Y") in html
    for private in ("0912345888", "Bản Huổi Só", "H&#x27;Mông", "H'Mông", "Tủa Chùa", "Nữ", "100%"):
        assert private not in html
    assert client.get(reverse("training:verify", args=["KHONGCO"])).status_code == 404


def test_course_and_lesson_pages_render_for_visitors(client, course):
    html = client.get(course.url).content.decode()
    assert "Bài 1. Mã OTP" in html and "Bắt đầu học" in html
    html = client.get(lessons(course)[1].url).content.decode()
    assert "Đăng nhập để làm bài kiểm tra" in html
    assert client.get("/").status_code == 200


def test_lessons_and_courses_are_searchable(course):
    from cms.models import LessonPage

    assert list(LessonPage.objects.live().search("bao giờ")) == [course.lessons().first()]
    assert course in list(CoursePage.objects.live().search("Khoá học ngắn"))
