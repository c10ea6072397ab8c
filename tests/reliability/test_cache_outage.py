"""With production's cache settings and Redis unreachable, pages, checkout and decisions still work.

The cache points at a loopback port nobody listens on (connections refused, as with a stopped
Redis). tests/reliability/test_faults.py does the same against a real redis-server it stops.
"""

import importlib

import pytest
import redis
from django.conf import global_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from oscar.core.loading import get_model

from sellers.models import Seller
from tests.buyers.conftest import Shop, add_to_basket, place_order, prepare_guest_checkout
from tests.sellers.conftest import make_official, make_submitted_seller

from .processes import free_port

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
Country = get_model("address", "Country")


@pytest.fixture
def redis_down(settings):
    production = importlib.import_module("marketplace.settings.production")
    caches = {"default": dict(production.CACHES["default"])}
    caches["default"]["LOCATION"] = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = caches
    with pytest.raises(redis.ConnectionError):  # nothing answers there
        redis.Redis.from_url(caches["default"]["LOCATION"]).ping()
    return caches


def test_production_keeps_sessions_out_of_the_cache():
    production = importlib.import_module("marketplace.settings.production")
    engine = getattr(production, "SESSION_ENGINE", global_settings.SESSION_ENGINE)
    assert engine == "django.contrib.sessions.backends.db"  # a Redis restart logs nobody out


def test_pages_checkout_and_decisions_work_while_redis_is_down(client, redis_down):
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "printable_name": "Việt Nam", "is_shipping_country": True},
    )
    shop = Shop()
    coop = shop.seller("HTX Chè Tủa Chùa", commune="Tủa Chùa")
    tea = shop.product(coop, "Chè Shan Tuyết", 250000, stars=4)
    coop.user = get_user_model().objects.create_user("htx.che", "htx@example.vn", "Mat-khau-2025")
    coop.save()

    for path in ("/", reverse("catalogue:index"), tea.get_absolute_url(), "/search/?q=che"):
        assert client.get(path).status_code == 200, path
    assert cache.get("site:cms-sections") is None  # a miss, not an error

    add_to_basket(client, tea, 2)
    prepare_guest_checkout(client, "mai@example.vn")
    response = place_order(client)  # allocating stock bumps the catalogue version in the cache
    assert response.status_code == 302 and response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().lines.get().quantity == 2

    client.force_login(coop.user)
    assert client.get(reverse("sellers:home")).status_code == 200

    official = make_official("canbo.cache", "Tủa Chùa")
    waiting = make_submitted_seller("0912000120")
    client.force_login(official)
    assert client.get(reverse("officials:queue")).status_code == 200
    url = reverse("officials:seller", kwargs={"pk": waiting.pk})
    response = client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    assert Seller.objects.get(pk=waiting.pk).status == Seller.Status.VERIFIED
