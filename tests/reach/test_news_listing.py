"""News: newest first (several on one day: the latest published first), ten per page."""

import datetime

import pytest
from django.utils import timezone

from cms.models import HomePage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def test_news_newest_first_with_paging(client):
    news = HomePage.objects.get().add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    today = datetime.date(2026, 11, 20)
    older = news.add_child(
        instance=NewsPage(title="Tin hôm trước", slug="tin-cu", date=today.replace(day=19))
    )
    published = timezone.now()
    for i in range(11):
        item = news.add_child(instance=NewsPage(title=f"Phiên chợ số {i}", slug=f"phien-cho-{i}", date=today))
        NewsPage.objects.filter(pk=item.pk).update(
            first_published_at=published + datetime.timedelta(minutes=i)
        )

    first = client.get("/tin-tuc/")
    titles = [a.title for a in first.context["articles"]]
    assert titles == [f"Phiên chợ số {i}" for i in range(10, 0, -1)]
    assert "?page=2" in first.content.decode()

    second = client.get("/tin-tuc/?page=2")
    assert [a.title for a in second.context["articles"]] == ["Phiên chợ số 0", older.title]
    assert client.get("/tin-tuc/?page=abc").status_code == 200  # a bad page number shows page 1
