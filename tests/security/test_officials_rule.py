"""One rule for every official's action (sellers/scope.py): commune scope and separation of
duties. An official who helped a household register may not decide anything about its file —
neither its verification nor its bank account, nor confirm its transfers by hand (that last
one used to slip through)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from payments.services import accounts, transfers
from sellers import scope, services
from sellers.models import ExternalShopLink
from tests.payments.conftest import bank_account, vietqr_order
from tests.sellers.conftest import (
    PASSWORD,
    make_official,
    make_product,
    make_submitted_seller,
    make_verified_seller,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    helper = make_official("canbo.giup", "Tủa Chùa")  # registered the household on its behalf
    colleague = make_official("canbo.khac", "Tủa Chùa")
    elsewhere = make_official("canbo.muongang", "Mường Ảng")
    province = make_official("canbo.tinh")
    seller = make_submitted_seller("0912000991", assisted_by=helper)
    return {
        "helper": helper,
        "colleague": colleague,
        "elsewhere": elsewhere,
        "province": province,
        "seller": seller,
    }


def test_the_rule_itself(people):
    seller = people["seller"]
    assert not scope.may_decide(people["helper"], seller)  # own file (assisted)
    assert scope.may_decide(people["colleague"], seller)
    assert not scope.may_decide(people["elsewhere"], seller)  # another commune
    assert scope.may_decide(people["province"], seller)
    assert not scope.may_decide(seller.user, seller)  # not an official at all
    for user in (people["helper"], people["colleague"], people["province"]):
        scope.require_scope(user, seller)  # may look, decide or not
    with pytest.raises(PermissionDenied):
        scope.require_scope(people["elsewhere"], seller)


def test_every_decision_on_an_assisted_file_is_refused_to_the_helper(people):
    helper, colleague, seller = people["helper"], people["colleague"], people["seller"]
    with pytest.raises(PermissionDenied):
        services.decide_registration(seller, official=helper, decision="approve")
    seller = services.decide_registration(seller, official=colleague, decision="approve")
    link = ExternalShopLink.objects.create(
        seller=seller, platform="shopee", url="https://shopee.vn/ho_giang_a_de"
    )
    with pytest.raises(PermissionDenied):
        services.decide_external_link(link, official=helper, confirm=True)
    account = bank_account(seller)
    with pytest.raises(PermissionDenied):
        accounts.verify_by_official(account, official=helper)
    accounts.verify_by_official(account, official=colleague)
    payment = vietqr_order("990001", seller, make_product(seller), account)
    with pytest.raises(PermissionDenied):
        transfers.confirm_by_hand(payment, user=helper, bank_reference="FT1")
    with pytest.raises(PermissionDenied):
        transfers.confirm_by_hand(payment, user=people["elsewhere"], bank_reference="FT1")
    payment.refresh_from_db()
    assert payment.status == "pending"
    transfers.confirm_by_hand(payment, user=colleague, bank_reference="FT2")
    payment.refresh_from_db()
    assert payment.status == "paid" and payment.confirmed_by == colleague


def test_the_helper_confirming_a_transfer_through_the_page_changes_nothing(client, people):
    colleague = people["colleague"]
    seller = services.decide_registration(people["seller"], official=colleague, decision="approve")
    payment = vietqr_order(
        "990002", seller, make_product(seller), bank_account(seller, verified_by=colleague)
    )
    client.login(username=people["helper"].username, password=PASSWORD)
    response = client.post(
        reverse("official_payments:payment-confirm", args=[payment.pk]),
        {f"p{payment.pk}-bank_reference": "FT9"},
    )
    assert response.status_code in (302, 403)
    payment.refresh_from_db()
    assert payment.status == "pending" and payment.confirmed_by is None


def test_no_other_module_writes_its_own_separation_of_duties():
    """The comparisons with the file's owner and helper live in sellers/scope.py only."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    found = subprocess.run(
        [
            "git",
            "grep",
            "-n",
            "-E",
            r"\.pk (not )?in \(?\{?\(?seller\.user_id, seller\.assisted_by_id",
            "--",
            "*.py",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    found = [
        line for line in found if not line.startswith(("sellers/scope.py:", "tests/", "marketplace/demo/"))
    ]
    assert found == []


def test_a_verified_seller_from_another_commune_is_out_of_scope(people):
    other = make_verified_seller("0912000992", people["elsewhere"], commune_name="Mường Ảng", name="Hộ khác")
    with pytest.raises(PermissionDenied):
        accounts.verify_by_official(bank_account(other), official=people["colleague"])
