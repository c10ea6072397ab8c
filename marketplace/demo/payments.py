"""Demo payments, built through the payments services: sellers' e-payment accounts (real bank
BINs, made-up numbers; e-wallets; some unverified, some sellers with none), orders paid by each
method, transfers waiting in the review queue, and a payout. Idempotent (stable order numbers)."""

import random
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.order import fulfilment
from marketplace.order.services import split_order_into_parts
from payments import selectors
from payments.models import EPaymentAccount
from payments.services import accounts, cards, ledger, transfers
from sellers.models import Seller

from . import data

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

# Banks most used in the province's communes first (Agribank has a branch in every district).
BANKS = [
    "970405",
    "970418",
    "970436",
    "970415",
    "970422",
    "970432",
]  # Agribank, BIDV, VCB, VietinBank, MB, VPBank
WALLETS = ["momo", "viettel_money", "zalopay", "vnpt_money"]


def seed_payments(seeder):
    verified = [s for s in seeder.sellers.values() if s.status == Seller.Status.VERIFIED]
    for n, seller in enumerate(sorted(verified, key=lambda s: s.slug)):
        _ensure_accounts(seeder, seller, n % 10)
    if Order.objects.filter(number__startswith="PAY-").exists():
        return
    demo_seller = seeder.sellers.get(data.DEMO_SELLER_SLUG)
    other = next(
        s for s in sorted(verified, key=lambda s: s.slug) if s != demo_seller and _product_of(seeder, s)
    )
    account = EPaymentAccount.objects.verified().banks().filter(seller=demo_seller).first()

    # VietQR, paid: the bank notification (as SePay would post it) matches the part.
    paid = transfers.expect_payment(_order(seeder, "PAY-00001", [demo_seller]).parts.get(), account)
    transfers.record_notification(
        transfers.Notification(
            "sepay",
            "demo-880001",
            account.account_number,
            paid.amount,
            f"CT DEN:FT26 {paid.reference}",
            "FT26330001",
        )
    )
    # VietQR waiting: the buyer's status page shows the QR.
    transfers.expect_payment(_order(seeder, "PAY-00002", [demo_seller]).parts.get(), account)
    # Review queue: a transfer a little short, and one whose content names no order.
    short = transfers.expect_payment(_order(seeder, "PAY-00003", [demo_seller]).parts.get(), account)
    transfers.record_notification(
        transfers.Notification(
            "casso",
            "demo-550003",
            account.account_number,
            short.amount - 5000,
            f"{short.reference} chuyen tien",
        )
    )
    transfers.record_notification(
        transfers.Notification(
            "sepay", "demo-880004", account.account_number, Decimal(150000), "chuyen tien mua che"
        )
    )
    # Card, for an order from two sellers: paid (as the Stripe webhook would record it).
    card_order = _order(seeder, "PAY-00004", [demo_seller, other], method="card")
    intent = SimpleNamespace(id="pi_demo_00004", amount=int(card_order.total_incl_tax), status="succeeded")
    cards.record_for_order(card_order, intent)
    cards.handle_event(
        SimpleNamespace(
            id="evt_demo_00004", type="payment_intent.succeeded", data=SimpleNamespace(object=intent)
        )
    )
    # Cash on delivery, delivered: cash collected by the seller, stock consumed.
    cod = _order(seeder, "PAY-00005", [demo_seller], method="cod").parts.get()
    user = demo_seller.user
    fulfilment.mark_packed(cod, user)
    fulfilment.mark_shipped(cod, user, carrier="VNPost", tracking_code="EB260001VN")
    fulfilment.mark_delivered(cod, user)
    # The operator paid out part of what the card sale left with the marketplace.
    half = selectors.payable_balance(demo_seller) // 2000 * 1000  # about half, in whole thousands
    if half > 0:
        ledger.record_payout(demo_seller, half, bank_reference="FT26330099", user=seeder.users["operator"])


def _ensure_accounts(seeder, seller, roll):
    """About 6 in 10 verified sellers have a verified bank account, 1 in 10 an e-wallet, 1 in 10
    an account still waiting for the official, the rest none (the nudge shows)."""
    if EPaymentAccount.objects.filter(seller=seller).exists():
        return
    rng = random.Random(seller.slug)
    if seller.slug == data.DEMO_SELLER_SLUG:
        roll = 0
    if roll >= 8:
        return
    if roll == 7:
        account = accounts.add_ewallet(
            seller, wallet=rng.choice(WALLETS), phone=seller.phone or seller.user.username
        )
    else:
        number = f"{rng.randint(10**11, 10**12 - 1)}"  # made up: 12 digits, as Agribank's
        account = accounts.add_bank_account(
            seller, bank_bin=rng.choice(BANKS), account_number=number, holder_name=seller.rep_name
        )
    if roll == 6:
        return  # waits in the commune official's queue
    official = seeder.official_for(seller)
    try:
        accounts.verify_by_official(account, official=official)
    except PermissionDenied:  # the official helped register this household: the province decides
        accounts.verify_by_official(account, official=seeder.users["province"])
    # The demo's history: verified some days after the seller was, so indicator I2 has a trend.
    if seller.verified_at:
        when = min(seller.verified_at + timedelta(days=rng.randint(3, 90)), timezone.now())
        EPaymentAccount.objects.filter(pk=account.pk).update(verified_at=when)


def _product_of(seeder, seller):
    """One of the seller's goods (not a homestay) with a unit free to sell."""
    for item, product in seeder.products.values():
        if product.seller_id != seller.pk or item.group == "tourism":
            continue
        record = product.stockrecords.first()
        if record and record.num_in_stock - (record.num_allocated or 0) >= 1:
            return product
    return None


def _order(seeder, number, sellers, method="vietqr"):
    """A guest order for one product of each seller, stock allocated, split into seller parts."""
    name, phone, street, ward, province = data.ADDRESSES[1]
    last, _, first = name.rpartition(" ")
    address = ShippingAddress.objects.create(
        first_name=first,
        last_name=last,
        line1=street,
        line4=ward,
        state=province,
        country=seeder.country,
        phone_number=phone,
    )
    order = Order.objects.create(
        number=number,
        currency="VND",
        total_incl_tax=0,
        total_excl_tax=0,
        shipping_address=address,
        guest_email="hoa.nguyen@example.com",
        shipping_method="Giao hàng tiêu chuẩn",
        shipping_code="standard",
    )
    for seller in sellers:
        product = _product_of(seeder, seller)
        record = product.stockrecords.first()
        record.allocate(1)
        Line.objects.create(
            order=order,
            partner=seller.partner,
            partner_name=seller.name[:128],
            partner_sku=record.partner_sku,
            stockrecord=record,
            product=product,
            title=product.title,
            quantity=1,
            num_allocated=1,
            line_price_incl_tax=record.price,
            line_price_excl_tax=record.price,
            line_price_before_discounts_incl_tax=record.price,
            line_price_before_discounts_excl_tax=record.price,
            unit_price_incl_tax=record.price,
            unit_price_excl_tax=record.price,
        )
    parts = split_order_into_parts(order)
    total = sum(p.total for p in parts)
    shipping = sum(p.shipping_charge for p in parts)
    Order.objects.filter(pk=order.pk).update(
        total_incl_tax=total, total_excl_tax=total, shipping_incl_tax=shipping, shipping_excl_tax=shipping
    )
    order.refresh_from_db()
    source_type, _ = SourceType.objects.get_or_create(code=method, defaults={"name": method})
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency="VND",
        amount_allocated=total if method == "card" else 0,
        reference=number,
    )
    return order
