"""A register import run by a real Celery worker, followed the way the official follows it: the
import page shows a progress bar while the worker runs, then the result."""

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sellers.models import RegisterImport, RegisterSubject
from sellers.register import communes

from .conftest import PASSWORD, make_official
from .test_register import MESSY, sheet


def test_an_import_runs_on_the_worker_and_the_page_follows_it(celery_worker_process):
    communes.forget()
    official = make_official("tinh")
    client = Client()
    assert client.login(username="tinh", password=PASSWORD)
    upload = SimpleUploadedFile("danh-sach.xlsx", sheet(MESSY))
    response = client.post(reverse("officials:register"), {"file": upload})
    job = RegisterImport.objects.get()
    assert response["Location"] == reverse("officials:register-import", args=[job.pk])
    assert not RegisterSubject.objects.exists()  # previewed only
    client.post(response["Location"])
    page = client.get(response["Location"]).content.decode()
    job.refresh_from_db()
    if job.status != RegisterImport.Status.SUCCEEDED:  # the worker may already be done
        assert "<progress" in page and 'http-equiv="refresh"' in page
    deadline = time.monotonic() + 60
    while job.status not in (RegisterImport.Status.SUCCEEDED, RegisterImport.Status.FAILED):
        assert time.monotonic() < deadline, "the worker did not finish the import within 60 s"
        time.sleep(0.3)
        job.refresh_from_db()
    assert job.status == RegisterImport.Status.SUCCEEDED and job.percent == 100
    assert job.created_by == official and job.finished_at is not None
    assert RegisterSubject.objects.count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập xong." in page and 'http-equiv="refresh"' not in page
