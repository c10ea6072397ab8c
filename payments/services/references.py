"""Fresh transfer references: DB… for a seller part's payment, XM… for proving a bank account."""

from .. import vietqr
from ..models import EPaymentAccount, VietQRPayment

PART_PREFIX, VERIFY_PREFIX = "DB", "XM"


def _unique(prefix, exists):
    for _attempt in range(20):
        reference = vietqr.new_reference(prefix)
        if not exists(reference):
            return reference
    raise RuntimeError("no free reference")  # 31^8 codes: never in practice


def new_part_reference():
    return _unique(PART_PREFIX, lambda r: VietQRPayment.objects.filter(reference=r).exists())


def new_verify_reference():
    return _unique(VERIFY_PREFIX, lambda r: EPaymentAccount.objects.filter(verify_reference=r).exists())
