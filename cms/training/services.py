"""Writes about training: registries, lesson progress, quizzes, completions, in-person sessions.

Every permission is checked here, on the server, from the acting user: a commune official acts
only for their own commune, a province official for all of them.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.figures import records_changed
from sellers import scope
from sellers.models import Seller
from sellers.validators import normalise_phone

from .attendance import Directory, add_attendees
from .models import (
    AffairsStaff,
    CourseCompletion,
    LessonProgress,
    QuizAttempt,
    TrainingSession,
    VillageHead,
)
from .quiz import answers_from_post, grade, has_quiz, questions_of

# --- officials' scope -------------------------------------------------------------------------


def official_commune_scope(user):
    """The official's commune, or None for a province official; anyone else is refused."""
    profile = scope.official_profile(user)
    if profile is None:
        raise PermissionDenied
    return profile.commune


# --- registries -------------------------------------------------------------------------------


def _account_with_phone(phone):
    from django.contrib.auth import get_user_model

    if not phone:
        return None
    return get_user_model().objects.filter(username=phone).first()


def clean_phone(phone):
    """A normalised mobile, or "" for none; digits normalised (NFKC) first."""
    import unicodedata

    phone = unicodedata.normalize("NFKC", phone or "").strip()
    if re.fullmatch(r"[35789]\d{8}", phone):  # a spreadsheet dropped the leading 0
        phone = "0" + phone
    return normalise_phone(phone) if phone else ""


@transaction.atomic
def save_registry_entry(official, entry):
    """Save a village head or staff row an official filled in (new or edited).

    The phone is normalised, the commune must be the official's own, and an account already
    signed up with that phone is linked at once.
    """
    if isinstance(entry, AffairsStaff) and entry.level == AffairsStaff.Level.PROVINCE:
        if official_commune_scope(official) is not None:
            raise PermissionDenied  # province staff are kept by province officials
    else:
        scope.require_commune(official, entry.commune)
    entry.phone = clean_phone(entry.phone)
    model = type(entry)
    if entry.phone and model.objects.exclude(pk=entry.pk).filter(phone=entry.phone).exists():
        raise ValidationError({"phone": _("Số điện thoại này đã có trong danh sách.")})
    if entry.user_id is None:
        account = _account_with_phone(entry.phone)
        if account is not None and not model.objects.filter(user=account).exists():
            entry.user = account
    if entry.pk is None:
        entry.created_by = official
    entry.full_clean(exclude=["user", "created_by"])
    before = model.objects.filter(pk=entry.pk).values_list("registered_on", flat=True).first()
    entry.save()
    # I5/I6 count who was on the list on each day: an entry or a corrected date concerns both dates.
    records_changed(
        since=min(filter(None, [before, entry.registered_on])),
        commune_id=entry.commune_id,
        by=official,
        what=_("Danh sách %(list)s: “%(name)s”, ngày vào danh sách %(day)s")
        % {
            "list": model._meta.verbose_name,
            "name": entry.name,
            "day": entry.registered_on.strftime("%d/%m/%Y"),
        },
    )
    return entry


def link_registry_accounts(user):
    """On sign-in: registry rows with the account's phone (its username) get linked to it."""
    try:
        phone = normalise_phone(user.get_username())
    except ValidationError:
        return
    for model in (VillageHead, AffairsStaff):
        if not model.objects.filter(user=user).exists():
            model.objects.filter(phone=phone, user__isnull=True).update(user=user)


# --- who a learner is -------------------------------------------------------------------------


def identities_of(user):
    """The seller and registry rows a signed-in account stands for."""
    return {
        "user": user,
        "seller": Seller.objects.filter(user=user).first(),
        "village_head": VillageHead.objects.filter(user=user).first(),
        "staff": AffairsStaff.objects.filter(user=user).first(),
    }


def learner_name(identities) -> str:
    for key in ("village_head", "staff"):
        if identities.get(key):
            return identities[key].name
    seller = identities.get("seller")
    if seller and seller.rep_name:
        return seller.rep_name
    user = identities.get("user")
    if user is not None:
        return user.get_full_name() or user.get_username()
    return ""


# --- completions ------------------------------------------------------------------------------


def existing_completion(course, identities):
    """The completion of this course by any of the person's identities, if there is one."""
    match = Q(pk__in=[])
    for field in ("user", "seller", "village_head", "staff"):
        if identities.get(field) is not None:
            match |= Q(**{field: identities[field]})
    return CourseCompletion.objects.filter(match, course=course).first()


def record_completion(
    course, identities, *, source, completed_on, session=None, recorded_by=None, score=None
):
    """Record that a person completed a course: once per person × course.

    Returns ``(completion, created)``; an existing completion by any of the person's identities
    is returned unchanged, so replays and double clicks are harmless.
    """
    existing = existing_completion(course, identities)
    if existing is not None:
        return existing, False
    completion = CourseCompletion(
        course=course,
        course_title=course.title,
        audience=course.audience,
        user=identities.get("user"),
        seller=identities.get("seller"),
        village_head=identities.get("village_head"),
        staff=identities.get("staff"),
        learner_name=learner_name(identities)[:120],
        completed_on=completed_on,
        source=source,
        session=session,
        recorded_by=recorded_by,
        best_score=score,
    )
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError:  # a concurrent request recorded it first
        return existing_completion(course, identities), False
    person = next(filter(None, (identities.get(k) for k in ("seller", "village_head", "staff"))), None)
    records_changed(
        since=completed_on,
        commune_id=getattr(person, "commune_id", None),
        by=recorded_by,
        what=_("Hoàn thành khoá “%(course)s”: %(name)s, ngày %(day)s")
        % {"course": course.title, "name": completion.learner_name, "day": completed_on.strftime("%d/%m/%Y")},
    )
    return completion, True


def lesson_course(lesson):
    return lesson.get_parent().specific


def course_is_finished(user, course) -> bool:
    """Every live lesson done (a lesson with a quiz is done only once its quiz is passed)."""
    lesson_ids = set(course.lessons().values_list("pk", flat=True))
    if not lesson_ids:
        return False
    done = set(
        LessonProgress.objects.filter(user=user, lesson_id__in=lesson_ids).values_list("lesson_id", flat=True)
    )
    return done == lesson_ids


def _complete_if_finished(user, course):
    if not course_is_finished(user, course):
        return None
    best = (
        QuizAttempt.objects.filter(user=user, course=course, passed=True)
        .order_by("-score")
        .values_list("score", flat=True)
        .first()
    )
    completion, _created = record_completion(
        course,
        identities_of(user),
        source=CourseCompletion.Source.ONLINE,
        completed_on=timezone.localdate(),
        score=best,
    )
    return completion


def _mark_done(user, lesson, course):
    LessonProgress.objects.get_or_create(user=user, lesson=lesson, defaults={"course": course})


@transaction.atomic
def mark_lesson_done(user, lesson):
    """The learner read a lesson. A lesson with a quiz is done by passing the quiz, not by this."""
    if has_quiz(lesson):
        raise ValidationError(_("Bài này có bài kiểm tra: hãy làm bài để hoàn thành."))
    course = lesson_course(lesson)
    _mark_done(user, lesson, course)
    return _complete_if_finished(user, course)


@transaction.atomic
def submit_quiz(user, lesson, post):
    """Grade the learner's answers on the server; only the answers are read from the request.

    Returns ``(attempt, completion or None)``. Passing marks the lesson done; when that was the
    last lesson, the course completion is recorded.
    """
    questions = questions_of(lesson)
    if not questions:
        raise ValidationError(_("Bài này không có bài kiểm tra."))
    course = lesson_course(lesson)
    answers = answers_from_post(questions, post)
    result = grade(questions, answers, course.pass_mark)
    attempt = QuizAttempt.objects.create(
        user=user,
        lesson=lesson,
        course=course,
        correct=result.correct,
        total=result.total,
        score=result.score,
        passed=result.passed,
        answers=answers,
        results=result.results,
    )
    completion = None
    if result.passed:
        _mark_done(user, lesson, course)
        completion = _complete_if_finished(user, course)
    return attempt, completion


# --- in-person sessions -----------------------------------------------------------------------


def record_session(official, *, course, commune, held_on, place, trainer):
    scope.require_commune(official, commune)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Ngày học không thể ở tương lai.")})
    return TrainingSession.objects.create(
        course=course,
        course_title=course.title,
        commune=commune,
        held_on=held_on,
        place=place,
        trainer=trainer,
        recorded_by=official,
    )


def require_session_access(official, session):
    scope.require_commune(official, session.commune)


def record_attendance(official, session, identities):
    """One attendee of an in-person session: counts as completing the session's course."""
    require_session_access(official, session)
    if session.course is None:
        raise ValidationError(_("Khoá học của lớp này đã bị xoá."))
    completion, created = record_completion(
        session.course,
        identities,
        source=CourseCompletion.Source.IN_PERSON,
        completed_on=session.held_on,
        session=session,
        recorded_by=official,
    )
    ids = {f"{key}_id": value.pk for key, value in identities.items() if value is not None}
    add_attendees(session, [(ids, completion.learner_name, completion)], official)
    return completion, created


MAX_SHEET_BYTES = 5 * 1024 * 1024


def start_attendance_import(official, session, upload):
    """Keep the uploaded sheet and queue its import after this transaction commits."""
    from marketplace.core.background import enqueue_after_commit

    from .models import AttendanceImport
    from .tasks import import_attendance

    require_session_access(official, session)
    name = (upload.name or "").rsplit("/", 1)[-1][:200]
    if not name.lower().endswith((".xlsx", ".csv")):
        raise ValidationError({"sheet": _("Chỉ nhận tệp Excel (.xlsx) hoặc CSV.")})
    if upload.size > MAX_SHEET_BYTES:
        raise ValidationError({"sheet": _("Tệp quá lớn (tối đa 5 MB).")})
    with transaction.atomic():
        job = AttendanceImport.objects.create(
            session=session, filename=name, content=upload.read(), created_by=official
        )
        enqueue_after_commit(import_attendance, job.pk)
    return job


def record_attendee(official, session, *, phone="", name="", last4=""):
    """One attendee typed in by an official, found like a sheet row; returns (completion, created)."""
    require_session_access(official, session)
    person, reason = Directory(session.commune).find({"phone": phone, "name": name, "last4": last4})
    if person is None:
        raise ValidationError(reason[:1].upper() + reason[1:] + ".")
    from django.contrib.auth import get_user_model

    models_by_field = {
        "user": get_user_model(),
        "seller": Seller,
        "village_head": VillageHead,
        "staff": AffairsStaff,
    }
    identities = {key: models_by_field[key].objects.get(pk=pk) for key, pk in person.ids.items()}
    return record_attendance(official, session, identities)
