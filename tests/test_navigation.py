"""Every role finds its own work from the storefront header; visitors find how to sell."""

import pytest
from django.urls import reverse

from sellers.models import Commune, OfficialProfile, Seller

pytestmark = pytest.mark.django_db


def nav_links(client):
    html = client.get(reverse("catalogue:index")).content.decode()
    header = html.split("</header>")[0]
    return header, html


def test_a_visitor_is_invited_to_sell(client):
    header, html = nav_links(client)
    assert reverse("officials:queue") not in header
    assert f'href="{reverse("sellers:home")}"' in html.split("<footer")[1]


def test_a_commune_official_gets_the_verification_queue(client, django_user_model):
    user = django_user_model.objects.create_user("cb", "cb@example.com", "pw-123456")
    OfficialProfile.objects.create(user=user, commune=Commune.objects.get(name="Mường Phăng"))
    client.force_login(user)
    header, _ = nav_links(client)
    assert f'href="{reverse("officials:queue")}"' in header


def test_a_seller_gets_the_workspace_and_a_buyer_gets_neither(client, django_user_model):
    buyer = django_user_model.objects.create_user("b", "b@example.com", "pw-123456")
    client.force_login(buyer)
    header, _ = nav_links(client)
    assert f'href="{reverse("sellers:home")}"' not in header and reverse("officials:queue") not in header

    seller_user = django_user_model.objects.create_user("0912000009", "s@example.com", "pw-123456")
    Seller.objects.create(
        user=seller_user,
        name="Hộ bà Lò Thị Mai",
        slug="ho-ba-lo-thi-mai",
        entity_type=Seller.EntityType.HOUSEHOLD,
        commune=Commune.objects.get(name="Thanh Nưa"),
        rep_name="Lò Thị Mai",
    )
    client.force_login(seller_user)
    header, _ = nav_links(client)
    assert f'href="{reverse("sellers:home")}"' in header
