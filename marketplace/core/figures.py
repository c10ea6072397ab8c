"""Telling the indicators that the records behind them changed.

The apps that own the records (sellers and the register, training, payments, the shop) sit
below the indicators and may not import them. After a write that can move an indicator they
call ``records_changed(since=day)`` with the first day whose figures it concerns (a class held
on 20/11 and recorded today concerns 20/11 onwards); the indicators app listens and recomputes
those days' snapshots in the background, after the write commits. A change that reaches back
into a month the province has signed also says where (``commune_id``), who made it (``by``)
and what it was (``what``): the signed figures stay, and the change is listed as a correction
after locking.
"""

from django.dispatch import Signal
from django.utils import timezone

# Sent with ``since`` (a date), ``commune_id``, ``by`` and ``what``; received by marketplace.indicators.
changed = Signal()


def records_changed(since=None, *, commune_id=None, by=None, what=""):
    """Figures from ``since`` (default: today) to today may have moved."""
    today = timezone.localdate()
    if hasattr(since, "date"):  # a datetime
        since = timezone.localtime(since).date() if timezone.is_aware(since) else since.date()
    since = min(since or today, today)
    changed.send(sender=None, since=since, commune_id=commune_id, by=by, what=str(what))
