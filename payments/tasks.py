from celery import shared_task


@shared_task(acks_late=True)
def expire_unpaid_transfers():
    """Celery beat: cancel parts whose VietQR transfer did not arrive in time (stock returned)."""
    from .services import transfers

    return transfers.expire_unpaid()
