"""The learner's actions and pages: finish a lesson, take a quiz, my learning, certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.core.qr import qr_svg

from ...models import CourseIndexPage, LessonPage
from .. import selectors, services

LOGIN_URL = "sellers:login"


def _live_lesson(pk):
    return get_object_or_404(LessonPage.objects.live().public(), pk=pk)


@require_POST
@login_required(login_url=LOGIN_URL)
def lesson_done(request, pk):
    lesson = _live_lesson(pk)
    try:
        completion = services.mark_lesson_done(request.user, lesson)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(lesson.url)
    return _after_progress(request, lesson, completion)


@login_required(login_url=LOGIN_URL)
def quiz_submit(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    lesson = _live_lesson(pk)
    try:
        attempt, completion = services.submit_quiz(request.user, lesson, request.POST)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(lesson.url)
    if not attempt.passed:  # the quiz box shows the result and which questions to look at again
        return redirect(lesson.url + "#ket-qua")
    messages.success(
        request,
        _("Đạt! Bạn đúng %(correct)s/%(total)s câu.") % {"correct": attempt.correct, "total": attempt.total},
    )
    return _after_progress(request, lesson, completion)


def _after_progress(request, lesson, completion):
    if completion is not None:
        messages.success(request, _("Chúc mừng! Bạn đã hoàn thành khoá học."))
        return redirect("training:certificate", code=completion.code)
    following = lesson.get_next_siblings().live().first()
    return redirect(following.url if following else lesson.get_parent().url)


@login_required(login_url=LOGIN_URL)
def my_learning(request):
    rows, gone = selectors.my_learning(request.user)
    context = {"rows": rows, "gone": gone, "course_index": CourseIndexPage.objects.live().first()}
    return render(request, "cms/training/my_learning.html", context)


@login_required(login_url=LOGIN_URL)
def certificate(request, code):
    """The learner's own printable certificate (officials of the right commune may open it too)."""
    completion = selectors.certificate(code)
    if completion is None or not selectors.may_see_certificate(request.user, completion):
        raise Http404
    verify_url = request.build_absolute_uri(reverse("training:verify", args=[completion.code]))
    context = {"completion": completion, "verify_url": verify_url, "qr": qr_svg(verify_url)}
    return render(request, "cms/training/certificate.html", context)


def verify(request, code):
    """Public: a certificate's code shows only the name, the course and the date."""
    completion = selectors.certificate(code)
    return render(
        request,
        "cms/training/verify.html",
        {"completion": completion, "code": code},
        status=200 if completion else 404,
    )
