from celery import shared_task


@shared_task
def count_communes():
    """Smallest real round trip (broker -> worker -> database -> result); used to check a worker is up."""
    from sellers.selectors import commune_count

    return commune_count()
