"""Which snapshot cells a signed month freezes (signoff.py decides; snapshots and the refresh read)."""

from django.db.models import Count

from sellers.models import Commune

from .models import SignOff

Status = SignOff.Status


def locks_on(day) -> tuple[set, bool]:
    """The communes whose month of ``day`` is approved, and whether every commune's is (which
    locks the province-level part too)."""
    locked = set(
        SignOff.objects.filter(month=day.replace(day=1), status=Status.APPROVED).values_list(
            "commune_id", flat=True
        )
    )
    return locked, bool(locked) and len(locked) >= Commune.objects.count()


def fully_locked_months() -> set:
    """First days of the months every commune has signed (a refresh skips their days)."""
    communes = Commune.objects.count()
    rows = (
        SignOff.objects.filter(status=Status.APPROVED)
        .values("month")
        .annotate(n=Count("pk"))
        .filter(n__gte=communes)
        .values_list("month", flat=True)
    )
    return set(rows) if communes else set()
