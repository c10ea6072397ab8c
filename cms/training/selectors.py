"""Read-side queries about training: the indicators' contract (I4–I6) and the learner's pages.

Contract for the indicators (each builds ONE query, usable as a subquery):

- ``trained_seller_ids(as_of)``: pks of sellers whose representative completed ≥ 1 course by
  the end of ``as_of`` (online or in person);
- ``registered_village_heads(as_of)`` / ``trained_village_head_ids(as_of)``;
- ``registered_staff(as_of)`` / ``trained_staff_ids(as_of)`` (staff courses or courses for everyone).

The ``trained_*`` sets are not limited to the registry as of that day; intersect them with the
``registered_*`` querysets for I5 and I6, e.g.
``registered_village_heads(d).filter(pk__in=trained_village_head_ids(d)).count()``.

A completion names its person by any of: the account, the seller, the registry rows. A person
who completed a course before their account was linked to a registry row or a seller still
counts, through the account (``user``).
"""

from datetime import date

from django.db.models import Exists, OuterRef, Q

from sellers import scope
from sellers.models import Seller

from ..models import Audience
from .models import AffairsStaff, CourseCompletion, LessonProgress, QuizAttempt, VillageHead
from .quiz import has_quiz, questions_of

STAFF_AUDIENCES = [Audience.STAFF, Audience.EVERYONE]


def completions_by(as_of: date):
    """Completions recorded for a day on or before ``as_of``."""
    return CourseCompletion.objects.filter(completed_on__lte=as_of)


def _completed(as_of, identity_field, **filters):
    """``Exists``: a completion naming the outer row directly or through its linked account."""
    direct = Q(**{identity_field: OuterRef("pk")})
    through_account = Q(user_id=OuterRef("user_id"), user_id__isnull=False)
    return Exists(completions_by(as_of).filter(direct | through_account, **filters))


def trained_seller_ids(as_of: date):
    return Seller.objects.filter(_completed(as_of, "seller_id")).values_list("pk", flat=True)


def registered_village_heads(as_of: date):
    return VillageHead.objects.registered(as_of)


def trained_village_head_ids(as_of: date):
    return VillageHead.objects.filter(_completed(as_of, "village_head_id")).values_list("pk", flat=True)


def registered_staff(as_of: date):
    return AffairsStaff.objects.registered(as_of)


def trained_staff_ids(as_of: date):
    trained = _completed(as_of, "staff_id", audience__in=STAFF_AUDIENCES)
    return AffairsStaff.objects.filter(trained).values_list("pk", flat=True)


# --- registries for officials -----------------------------------------------------------------


def village_heads_for(official):
    return VillageHead.objects.for_official(official).select_related("commune", "ethnic_group")


def staff_for(official):
    return AffairsStaff.objects.for_official(official).select_related("commune")


# --- the learner ------------------------------------------------------------------------------


def completion_of(user, course):
    if not user.is_authenticated:
        return None
    return CourseCompletion.objects.filter(user=user, course=course).first()


def done_lesson_ids(user, course) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(LessonProgress.objects.filter(user=user, course=course).values_list("lesson_id", flat=True))


def course_progress(user, course, lessons):
    """What the course page shows: lessons done of all, and the completion if any."""
    done = done_lesson_ids(user, course)
    return {
        "done_ids": done,
        "next": next((lesson for lesson in lessons if lesson.pk not in done), None),
        "done": sum(1 for lesson in lessons if lesson.pk in done),
        "total": len(lessons),
        "completion": completion_of(user, course),
    }


def best_attempt(user, lesson):
    if not user.is_authenticated:
        return None
    return QuizAttempt.objects.filter(user=user, lesson=lesson).order_by("-score", "-created_at").first()


def lesson_context(user, lesson):
    """Everything the lesson page needs: course, neighbours, quiz (without answers), progress."""
    course = lesson.get_parent().specific
    lessons = list(course.lessons())
    position = next((n for n, item in enumerate(lessons) if item.pk == lesson.pk), 0)
    questions = questions_of(lesson)
    latest = None
    if user.is_authenticated and questions:
        latest = QuizAttempt.objects.filter(user=user, lesson=lesson).order_by("-created_at").first()
    done = done_lesson_ids(user, course)
    return {
        "course": course,
        "lessons": lessons,
        "position": position + 1,
        "previous_lesson": lessons[position - 1] if position > 0 else None,
        "next_lesson": lessons[position + 1] if position + 1 < len(lessons) else None,
        "has_quiz": has_quiz(lesson),
        "questions": [public_question(q, latest) for q in questions],
        "latest_attempt": latest,
        "best_attempt": best_attempt(user, lesson) if questions else None,
        "lesson_done": lesson.pk in done,
        "progress": {"done": sum(1 for item in lessons if item.pk in done), "total": len(lessons)},
        "completion": completion_of(user, course),
    }


def public_question(question, attempt=None):
    """What the browser may see of a question: never which choices are correct.

    After a graded attempt, whether the learner got it right and the editor's explanation.
    """
    graded = attempt is not None and question.key in attempt.results
    return {
        "key": question.key,
        "text": question.text,
        "choices": list(enumerate(question.choices)),
        "multiple": question.multiple,
        "result": attempt.results[question.key] if graded else None,
        "explanation": question.explanation if graded else "",
    }


def my_learning(user):
    """Courses the user started or finished, with progress, newest activity first."""
    from ..models import CoursePage

    started = set(LessonProgress.objects.filter(user=user).values_list("course_id", flat=True))
    started |= set(QuizAttempt.objects.filter(user=user).values_list("course_id", flat=True))
    completions = {c.course_id: c for c in completions_of_person(user)}
    course_ids = started | {pk for pk in completions if pk}
    rows = []
    for course in CoursePage.objects.filter(pk__in=course_ids).live().order_by("title"):
        lessons = list(course.lessons())
        progress = course_progress(user, course, lessons)
        rows.append({"course": course, "progress": progress, "completion": completions.get(course.pk)})
    # Completions whose course page is gone still show (with their kept title).
    gone = [c for c in completions.values() if c.course_id is None]
    return rows, gone


def completions_of_person(user):
    """Completions naming the account or any seller/registry row linked to it (in person too)."""
    mine = Q(user=user) | Q(village_head__user=user) | Q(staff__user=user) | Q(seller__user=user)
    return CourseCompletion.objects.filter(mine).order_by("-completed_on")


def certificate(code: str):
    return CourseCompletion.objects.filter(code=code.upper()).first()


def may_see_certificate(user, completion) -> bool:
    """The person certified (by any linked identity) or an official over their commune."""
    if not user.is_authenticated:
        return False
    if completion.user_id == user.pk:
        return True
    for field, model in (("village_head", VillageHead), ("staff", AffairsStaff)):
        row_id = getattr(completion, f"{field}_id")
        if row_id and model.objects.filter(pk=row_id, user=user).exists():
            return True
    if completion.seller_id and Seller.objects.filter(pk=completion.seller_id, user=user).exists():
        return True
    if scope.is_province_official(user):
        return True
    person = completion.village_head or completion.staff or completion.seller
    return person is not None and scope.covers_commune(user, getattr(person, "commune_id", None))


def village_head_commune_id(user):
    """The commune of the village head this user is (still on the registry), or None."""
    if not user.is_authenticated:
        return None
    return (
        VillageHead.objects.filter(user=user, left_on__isnull=True)
        .values_list("commune_id", flat=True)
        .first()
    )
