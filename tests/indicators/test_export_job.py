"""A five-year Excel export goes to a real Celery worker; the page shows progress, then the file."""

import io
import time

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from marketplace.indicators import services
from marketplace.indicators.models import ExportJob

from .conftest import DAY, PASSWORD, make_official


def test_long_export_is_built_by_celery_with_progress(celery_worker_process, worked_example):
    services.take_snapshot(DAY)
    official = make_official("canbo.tinh")
    client = Client()
    assert client.login(username=official.username, password=PASSWORD)
    response = client.get(reverse("indicators:export"), {"date": DAY.isoformat(), "months": "60"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("indicators:export-job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED):
            break
        time.sleep(0.5)
    assert job.status == ExportJob.Status.DONE and job.progress == 100
    download = client.get(response["Location"], {"download": "1"})
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert [c.value for c in book["I1"][6]][1:3] == [2, 5]
    # Someone else's job is not found.
    other = make_official("canbo.khac")
    client.login(username=other.username, password=PASSWORD)
    assert client.get(reverse("indicators:export-job", args=[job.pk])).status_code == 404
