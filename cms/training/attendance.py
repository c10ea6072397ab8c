"""Matching attendees of an in-person session to people we know, and importing a sheet of them.

People are found by phone (a seller's representative, a village head or a staff member) or by
the last 4 digits of the citizen ID with the name. One person may stand in several registries
(a village head who also sells): the completion names all of them.

An import is all-or-nothing: every row is checked first; any bad or unmatched row rejects the
whole file with each row's number and reason; only a clean file writes, in one transaction.
Everyone on a clean sheet is on the class's list; only those who had not completed the course
yet get a completion from it.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.figures import records_changed
from marketplace.core.text import fold
from sellers.models import Seller
from sellers.validators import normalise_phone

from .models import AffairsStaff, AttendanceImport, CourseCompletion, SessionAttendance, VillageHead
from .sheets import SheetError, read_sheet

IDENTITY_FIELDS = ("user", "seller", "village_head", "staff")
PROGRESS_EVERY = 250  # rows between progress writes


@dataclass
class Person:
    """One human being, by whichever identities we know them (ids only)."""

    name: str
    ids: dict = field(default_factory=dict)  # {"seller": 3, "village_head": 9, "user": 12}

    def key(self):
        return tuple(sorted(self.ids.items()))


def phone_or_none(text):
    """A normalised mobile number, or None; a 9-digit cell (Excel dropped the 0) gets its 0 back."""
    digits = unicodedata.normalize("NFKC", text or "").strip()
    if re.fullmatch(r"[35789]\d{8}", digits):
        digits = "0" + digits
    try:
        return normalise_phone(digits)
    except ValidationError:
        return None


class Directory:
    """The people an attendance list may name, for one session's commune (or the province)."""

    def __init__(self, commune=None):
        self.by_phone: dict[str, Person] = {}
        self.by_name_id: dict[tuple[str, str], list[Person]] = {}
        scope = Q(commune=commune) if commune is not None else Q()
        sellers = Seller.objects.filter(scope).values_list(
            "pk", "rep_name", "phone", "user_id", "user__username", "rep_citizen_id_last4"
        )
        for pk, name, phone, user_id, username, last4 in sellers:
            phones = {phone_or_none(phone), phone_or_none(username or "")}
            self._add("seller", pk, name, phones - {None}, last4, user_id)
        for model, kind in ((VillageHead, "village_head"), (AffairsStaff, "staff")):
            rows = model.objects.filter(scope).values_list(
                "pk", "name", "phone", "user_id", "citizen_id_last4"
            )
            for pk, name, phone, user_id, last4 in rows:
                self._add(kind, pk, name, {phone} if phone else set(), last4, user_id)

    def _add(self, kind, pk, name, phones, last4, user_id):
        person = None
        for phone in phones:
            person = self.by_phone.get(phone) or person
        if person is None:
            person = Person(name=name)
        person.ids[kind] = pk
        if user_id:
            person.ids.setdefault("user", user_id)
        for phone in phones:
            self.by_phone[phone] = person
        if last4:
            same = self.by_name_id.setdefault((fold(name), last4), [])
            if person not in same:
                same.append(person)

    def find(self, row) -> tuple[Person | None, str]:
        """(person, "") or (None, reason)."""
        phone_text, last4, name = row["phone"], row["last4"], row["name"]
        if phone_text:
            phone = phone_or_none(phone_text)
            if phone is None:
                return None, _("số điện thoại “%(phone)s” không đúng") % {"phone": phone_text}
            person = self.by_phone.get(phone)
            if person is None:
                return None, _("không có ai với số điện thoại %(phone)s trong danh sách") % {"phone": phone}
            return person, ""
        if not last4:
            return None, _("thiếu số điện thoại hoặc 4 số cuối CCCD")
        if not re.fullmatch(r"\d{4}", last4):
            return None, _("“%(value)s” không phải 4 số cuối CCCD") % {"value": last4}
        if not name:
            return None, _("thiếu họ và tên (cần cùng 4 số cuối CCCD)")
        matches = self.by_name_id.get((fold(name), last4), [])
        if not matches:
            return None, _("không có ai tên %(name)s với 4 số cuối CCCD %(last4)s") % {
                "name": name,
                "last4": last4,
            }
        if len(matches) > 1:
            return None, _("có nhiều người tên %(name)s cùng 4 số cuối CCCD; hãy ghi số điện thoại") % {
                "name": name
            }
        return matches[0], ""


def _progress(job, **fields):
    AttendanceImport.objects.filter(pk=job.pk).update(**fields)


def run_import(job_id):
    """Check every row, then write all completions or none; progress is visible as it goes."""
    job = AttendanceImport.objects.select_related("session", "session__course").get(pk=job_id)
    if job.finished:
        return job  # a replayed task changes nothing
    session = job.session
    _progress(job, status=AttendanceImport.Status.RUNNING)
    try:
        rows, ignored = read_sheet(job.filename, bytes(job.content))
    except SheetError as error:
        return _fail(job, [{"row": 0, "reason": str(error)}], total=0)
    if session.course is None:
        return _fail(job, [{"row": 0, "reason": _("Khoá học của lớp này đã bị xoá.")}], total=len(rows))
    _progress(job, total_rows=len(rows), ignored_rows=ignored)
    directory = Directory(session.commune)
    errors, people, seen = [], [], {}
    for n, (number, row) in enumerate(rows, start=1):
        person, reason = directory.find(row)
        if person is not None:
            first = seen.setdefault(person.key(), number)
            if first != number:
                person, reason = None, _("trùng người với dòng %(row)s") % {"row": first}
        if person is None:
            errors.append({"row": number, "reason": reason})
        else:
            people.append(person)
        if n % PROGRESS_EVERY == 0:
            _progress(job, processed_rows=n)
    if errors:
        return _fail(job, errors, total=len(rows))
    created, skipped = _write(job, session, people)
    _progress(
        job,
        status=AttendanceImport.Status.SUCCEEDED,
        processed_rows=len(rows),
        created_count=created,
        skipped_count=skipped,
        finished_at=timezone.now(),
        content=b"",  # the sheet's phone numbers are not kept once imported
    )
    return job


@transaction.atomic
def _write(job, session, people):
    course = session.course
    done = _completions_by_identity(course)
    fresh = [person for person in people if not any(item in done for item in person.ids.items())]
    CourseCompletion.objects.bulk_create(
        [
            CourseCompletion(
                course=course,
                course_title=course.title,
                audience=course.audience,
                learner_name=person.name[:120],
                completed_on=session.held_on,
                source=CourseCompletion.Source.IN_PERSON,
                session=session,
                recorded_by_id=job.created_by_id,
                **{f"{name}_id": value for name, value in person.ids.items()},
            )
            for person in fresh
        ],
        batch_size=1000,
        ignore_conflicts=True,  # a completion recorded meanwhile (online) stands
    )
    completion_of = _completions_by_identity(course)
    attendees = []
    for person in people:
        ids = {f"{name}_id": value for name, value in person.ids.items()}
        completion = next(filter(None, (completion_of.get(item) for item in person.ids.items())), None)
        attendees.append((ids, person.name, completion))
    add_attendees(session, attendees, job.created_by)
    if fresh:
        records_changed(
            since=session.held_on,
            commune_id=session.commune_id,
            by=job.created_by,
            what=_("Điểm danh lớp “%(course)s” ngày %(day)s: %(n)s người")
            % {"course": course.title, "day": session.held_on.strftime("%d/%m/%Y"), "n": len(fresh)},
        )
    return len(fresh), len(people) - len(fresh)


def _completions_by_identity(course):
    """{(identity field, id): completion} of everyone who completed the course."""
    found = {}
    fields = ["pk", "session_id", *[f"{name}_id" for name in IDENTITY_FIELDS]]
    for completion in CourseCompletion.objects.filter(course=course).only(*fields):
        for name in IDENTITY_FIELDS:
            if value := getattr(completion, f"{name}_id"):
                found[(name, value)] = completion
    return found


def add_attendees(session, attendees, official):
    """Write who attended a session, [(identity ids, name, their completion)]; once per person."""
    SessionAttendance.objects.bulk_create(
        [
            SessionAttendance(
                session=session, learner_name=name[:120], completion=completion, recorded_by=official, **ids
            )
            for ids, name, completion in attendees
        ],
        batch_size=1000,
        ignore_conflicts=True,  # already on this class's list
    )


def _fail(job, errors, total):
    _progress(
        job,
        status=AttendanceImport.Status.FAILED,
        errors=errors,
        total_rows=total,
        processed_rows=total,
        finished_at=timezone.now(),
        content=b"",  # rejected: the official uploads a corrected file
    )
    return job
