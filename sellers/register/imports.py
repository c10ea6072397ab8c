"""Previewing and applying a register sheet: what changes, then all of it or none.

``preview`` runs at upload (in the request): it reads the sheet and compares each row with the
register, without writing. ``run_import`` (a Celery task) reads the sheet again and compares
again — the register may have changed since the preview — and writes every change in one
transaction, or refuses the whole file when any row is refused. The same sheet imported twice
changes nothing the second time.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.figures import records_changed
from marketplace.core.sheets import SheetError

from ..models import RegisterImport, RegisterProduct, RegisterRating, RegisterSubject
from . import sheet
from .certificates import sync_certificates

PREVIEW_ROWS = 200  # changed rows listed on the preview page
PROGRESS_EVERY = 500
SUBJECT_FIELDS = (
    "name",
    "kind",
    "commune_id",
    "village",
    "address",
    "rep_name",
    "rep_sex",
    "rep_ethnic_group_id",
    "phone",
    "tax_code",
)
RATING_FIELDS = ("stars", "score", "decided_on", "level", "expires_on")
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _subject_values(row):
    values = {
        "name": row.subject_name,
        "kind": row.kind,
        "commune_id": row.commune_id,
        "village": row.village,
        "address": row.address,
        "rep_name": row.rep_name,
        "rep_sex": row.rep_sex,
        "rep_ethnic_group_id": row.rep_ethnic_group_id,
        "phone": row.phone,
        "tax_code": row.tax_code,
    }
    return values


def _changed(instance, values):
    """Fields whose value differs; a blank cell never erases what the register already knows."""
    return {k: v for k, v in values.items() if v not in ("", None) and getattr(instance, k) != v}


@dataclass
class Plan:
    """What a sheet does to the register: objects to create or update, and a line per row."""

    subjects: dict = field(default_factory=dict)  # identity -> RegisterSubject (new or existing)
    products: dict = field(default_factory=dict)  # (identity, key) -> RegisterProduct
    ratings: dict = field(default_factory=dict)  # (identity, key, decision) -> RegisterRating
    dirty: set = field(default_factory=set)  # ids of existing objects changed (by Python id)
    lines: list = field(default_factory=list)  # (row number, action, text)
    counts: dict = field(default_factory=lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0})

    def summary(self, errors, ignored):
        return {
            **self.counts,
            "refused": len(errors),
            "subjects_new": sum(1 for s in self.subjects.values() if s.pk is None),
            "rows": [
                {"row": n, "action": action, "text": text}
                for n, action, text in self.lines
                if action != UNCHANGED
            ][:PREVIEW_ROWS],
        }


def _existing(rows):
    """The register's subjects, products and ratings these rows name: three queries per chunk."""
    identities = sorted({row.identity for row in rows})
    subjects, products, ratings = {}, {}, {}
    for start in range(0, len(identities), 2000):
        chunk = identities[start : start + 2000]
        for subject in RegisterSubject.objects.filter(identity__in=chunk):
            subjects[subject.identity] = subject
        for product in RegisterProduct.objects.filter(subject__identity__in=chunk).select_related("subject"):
            products[(product.subject.identity, product.key)] = product
        for rating in RegisterRating.objects.filter(product__subject__identity__in=chunk).select_related(
            "product__subject"
        ):
            ratings[(rating.product.subject.identity, rating.product.key, rating.decision_number)] = rating
    return subjects, products, ratings


def plan(rows, progress=None) -> Plan:
    subjects, products, ratings = _existing(rows)
    result = Plan(subjects=subjects, products=products, ratings=ratings)
    seen = set()  # subjects already read from an earlier row: their first row's details stand
    for n, row in enumerate(rows, start=1):
        actions = []
        subject = subjects.get(row.identity)
        values = _subject_values(row)
        if subject is None:
            subject = subjects[row.identity] = RegisterSubject(identity=row.identity, **values)
            actions.append(CREATED)
        elif row.identity in seen:
            pass
        elif changes := _changed(subject, values):
            for name, value in changes.items():
                setattr(subject, name, value)
            if subject.pk is not None:
                result.dirty.add(id(subject))
                actions.append(UPDATED)
        seen.add(row.identity)
        product_key = (row.identity, row.product_key)
        product = products.get(product_key)
        if product is None:
            product = products[product_key] = RegisterProduct(
                subject=subject, key=row.product_key, name=row.product_name, product_group=row.product_group
            )
            actions.append(CREATED)
        elif product.pk is not None and product.product_group != row.product_group:
            product.product_group = row.product_group
            result.dirty.add(id(product))
            actions.append(UPDATED)
        rating_key = (*product_key, row.decision_number)
        rating = ratings.get(rating_key)
        rating_values = {name: getattr(row, name) for name in RATING_FIELDS}
        if rating is None:
            ratings[rating_key] = RegisterRating(
                product=product, decision_number=row.decision_number, **rating_values
            )
            actions.append(CREATED)
        elif rating.pk is not None and (changes := _changed(rating, rating_values)):
            for name, value in changes.items():
                setattr(rating, name, value)
            result.dirty.add(id(rating))
            actions.append(UPDATED)
        action = CREATED if CREATED in actions else UPDATED if UPDATED in actions else UNCHANGED
        result.counts[action] += 1
        text = f"{row.subject_name} — {row.product_name} {row.stars}★ ({row.decision_number})"
        result.lines.append((row.number, action, text))
        if progress and n % PROGRESS_EVERY == 0:
            progress(n)
    return result


def preview(*, filename, content, official) -> RegisterImport:
    """Read and compare a sheet without writing to the register; the job waits for "Nhập"."""
    job = RegisterImport(filename=filename[:200], content=content, created_by=official)
    try:
        rows, errors, ignored = sheet.read(filename, content)
    except SheetError as error:
        job.status, job.errors, job.content = (
            RegisterImport.Status.FAILED,
            [{"row": 0, "reason": str(error)}],
            b"",
        )
        job.finished_at = timezone.now()
        job.save()
        return job
    job.total_rows, job.ignored_rows, job.errors = len(rows) + len(errors), ignored, errors
    job.plan = plan(rows).summary(errors, ignored)
    job.save()
    return job


def _progress(job, **fields):
    RegisterImport.objects.filter(pk=job.pk).update(**fields)


def run_import(job_id):
    """Compare again and write everything, or refuse the file; progress is visible as it goes."""
    job = RegisterImport.objects.get(pk=job_id)
    if job.finished or job.status == RegisterImport.Status.PREVIEWED:
        return job  # a replayed task, or one never confirmed, changes nothing
    _progress(job, status=RegisterImport.Status.RUNNING, processed_rows=0)
    try:
        rows, errors, ignored = sheet.read(job.filename, bytes(job.content))
    except SheetError as error:
        return _finish(job, RegisterImport.Status.FAILED, errors=[{"row": 0, "reason": str(error)}])
    if errors:
        return _finish(job, RegisterImport.Status.FAILED, errors=errors)
    _progress(job, total_rows=len(rows))
    result = plan(rows, progress=lambda n: _progress(job, processed_rows=n // 2))
    _write(result, job)
    return _finish(
        job, RegisterImport.Status.SUCCEEDED, plan=result.summary([], ignored), processed_rows=len(rows)
    )


def _finish(job, status, **fields):
    _progress(job, status=status, finished_at=timezone.now(), content=b"", **fields)
    job.refresh_from_db()
    return job


@transaction.atomic
def _write(result, job):
    new_subjects = [s for s in result.subjects.values() if s.pk is None]
    RegisterSubject.objects.bulk_create(new_subjects, batch_size=1000)
    changed_subjects = [s for s in result.subjects.values() if id(s) in result.dirty]
    RegisterSubject.objects.bulk_update(changed_subjects, SUBJECT_FIELDS, batch_size=1000)
    _progress(job, processed_rows=job.total_rows * 6 // 10)
    for product in result.products.values():
        product.subject_id = product.subject.pk
    RegisterProduct.objects.bulk_create(
        [p for p in result.products.values() if p.pk is None], batch_size=1000
    )
    RegisterProduct.objects.bulk_update(
        [p for p in result.products.values() if id(p) in result.dirty], ["product_group"], batch_size=1000
    )
    _progress(job, processed_rows=job.total_rows * 8 // 10)
    new_ratings = [r for r in result.ratings.values() if r.pk is None]
    for rating in result.ratings.values():
        rating.product_id = rating.product.pk
    RegisterRating.objects.bulk_create(new_ratings, batch_size=1000)
    changed_ratings = [r for r in result.ratings.values() if id(r) in result.dirty]
    RegisterRating.objects.bulk_update(changed_ratings, RATING_FIELDS, batch_size=1000)
    touched = {r.product.subject.pk for r in [*new_ratings, *changed_ratings]}
    touched |= {p.subject.pk for p in result.products.values() if id(p) in result.dirty}
    sync_certificates(RegisterSubject.objects.filter(pk__in=touched, seller__isnull=False))
    if touched:
        records_changed(
            since=min(r.decided_on for r in result.ratings.values()),
            by=job.created_by,
            what=_("Nhập danh sách OCOP từ tệp “%(name)s”") % {"name": job.filename},
        )


def refuse_message(job):
    return _("Tệp bị từ chối: %(n)s dòng không đọc được. Sửa các dòng dưới đây rồi tải lên lại.") % {
        "n": len(job.errors)
    }
