from celery import shared_task


@shared_task(acks_late=True)
def expire_unpaid_transfers():
    """Celery beat: cancel parts whose VietQR transfer or card payment did not complete in time
    (their stock is returned). Idempotent: each payment is re-checked under a row lock."""
    from .services import cards, transfers

    return {"vietqr": transfers.expire_unpaid(), "card": cards.expire_unpaid()}
