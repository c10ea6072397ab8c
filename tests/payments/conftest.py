"""Payments test data: verified sellers with bank accounts, orders split per seller, and helpers."""

import pytest

from payments.services import accounts
from tests.in_process import _tasks_run_in_process  # noqa: F401 - autouse fixtures
from tests.reliability.processes import free_port, stop_process
from tests.sellers.conftest import PASSWORD, make_official, make_order, make_product, make_verified_seller

__all__ = ["PASSWORD", "make_official", "make_order", "make_product", "make_verified_seller"]

VIETCOMBANK = "970436"
BIDV = "970418"


@pytest.fixture
def official(db):
    return make_official("canbo.tuachua", "Tủa Chùa")


@pytest.fixture
def province_official(db):
    return make_official("canbo.tinh")


def bank_account(seller, number="0011001234567", bank=VIETCOMBANK, verified_by=None):
    account = accounts.add_bank_account(
        seller, bank_bin=bank, account_number=number, holder_name=seller.rep_name
    )
    if verified_by is not None:
        account = accounts.verify_by_official(account, official=verified_by)
    return account


@pytest.fixture
def seller(official):
    return make_verified_seller("0912000001", official, name="Hộ Giàng A Dế")


def order_for(number, *sellers_products, email="nguoimua@example.vn", method=None):
    """An order split per seller, its lines holding allocated stock (as checkout leaves it), with
    the payment source checkout records for ``method`` (e.g. "cod")."""
    from oscar.core.loading import get_model

    order = make_order(number, *sellers_products, email=email)
    if method:
        SourceType = get_model("payment", "SourceType")
        source_type, _created = SourceType.objects.get_or_create(code=method, defaults={"name": method})
        order.sources.create(source_type=source_type, currency="VND", reference=number)
    return order


def vietqr_order(number, seller, product, account):
    """A one-seller order waiting for its VietQR transfer."""
    from payments.services import transfers

    order = order_for(number, (seller, product))
    part = order.parts.get()
    return transfers.expect_payment(part, account)


# --- Stripe: one localstripe process for the session, on a free port ---------------------------

WEBHOOK_SECRET = "whsec_test_localstripe"


@pytest.fixture(scope="session")
def localstripe_url():
    """`localstripe --from-scratch` on a port the OS says is free; stopped after the session."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "localstripe", "--port", str(port), "--from-scratch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=1).read(10)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("localstripe did not start")
            time.sleep(0.2)
    yield url
    stop_process(process, grace=10)


@pytest.fixture
def localstripe(localstripe_url, live_server, settings):
    """A reset localstripe whose webhooks reach this test's live server, signed with our secret."""
    import urllib.parse
    import urllib.request

    request = urllib.request.Request(f"{localstripe_url}/_config/data", method="DELETE")
    urllib.request.urlopen(request, timeout=5).read()
    form = urllib.parse.urlencode(
        [
            ("url", f"{live_server.url}/payments/webhooks/stripe/"),
            ("secret", WEBHOOK_SECRET),
            ("events[]", "payment_intent.succeeded"),
            ("events[]", "payment_intent.payment_failed"),
        ]
    ).encode()
    urllib.request.urlopen(f"{localstripe_url}/_config/webhooks/ocop", data=form, timeout=5).read()
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    settings.STRIPE_SECRET_KEY = "sk_test_ocop"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return localstripe_url


def card_token(number, localstripe_url):
    """What localstripe's Stripe.js does in the page: tokenise the card with the publishable key."""
    import json
    import urllib.parse
    import urllib.request

    form = urllib.parse.urlencode(
        {
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2030",
            "card[cvc]": "123",
            "key": "pk_test_ocop",
            "payment_user_agent": "localstripe",
        }
    ).encode()
    with urllib.request.urlopen(f"{localstripe_url}/v1/tokens", data=form, timeout=5) as response:
        return json.loads(response.read())["card"]["id"]


def wait_for(predicate, timeout=15):
    """Poll until a webhook (sent by localstripe about a second after the event) has landed."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()
