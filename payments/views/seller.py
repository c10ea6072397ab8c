"""A seller's payment pages: its e-payment accounts (also the wizard's optional last step), its
ledger, and transfers to confirm or review. Reached from the workspace by links."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sellers.selectors import seller_for_user
from sellers.views.access import posted, shop_required

from .. import forms, selectors, vietqr
from ..models import BankTransfer, VietQRPayment
from ..services import accounts as account_services
from ..services import transfers

PROVING_AMOUNT = 2000  # đồng: the small transfer that proves a bank account is the seller's


def _own_seller(request):
    seller = seller_for_user(request.user)
    if seller is None:
        raise PermissionDenied
    return seller


def _add(request, form, add):
    if form.is_valid():
        try:
            account = add(**form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Đã thêm %(account)s. Cán bộ xã sẽ xác minh.") % {"account": account})
            return True
    return False


@login_required(login_url="sellers:login")
def accounts(request):
    """Any seller with a file (even before verification: the wizard's optional last step)."""
    seller = _own_seller(request)
    which = request.POST.get("form") if request.method == "POST" else None
    bank_form = forms.BankAccountForm(request.POST if which == "bank" else None, prefix="bank")
    wallet_form = forms.EWalletForm(request.POST if which == "wallet" else None, prefix="wallet")
    if which == "bank" and _add(
        request, bank_form, lambda **d: account_services.add_bank_account(seller, **d)
    ):
        return redirect("seller_payments:accounts")
    if which == "wallet" and _add(
        request, wallet_form, lambda **d: account_services.add_ewallet(seller, **d)
    ):
        return redirect("seller_payments:accounts")
    rows = []
    for account in selectors.accounts_of(seller):
        proving_qr = None
        if account.kind == "bank" and account.state == "unverified" and account.verify_reference:
            proving_qr = vietqr.svg(
                vietqr.payload(
                    bank_bin=account.bank_bin,
                    account_number=account.account_number,
                    amount=PROVING_AMOUNT,
                    reference=account.verify_reference,
                )
            )
        rows.append({"account": account, "proving_qr": proving_qr})
    context = {
        "seller": seller,
        "rows": rows,
        "bank_form": bank_form,
        "wallet_form": wallet_form,
        "proving_amount": PROVING_AMOUNT,
        "from_wizard": request.GET.get("from") == "wizard" or not seller.has_open_shop,
    }
    return render(request, "payments/seller/accounts.html", context)


@require_POST
@login_required(login_url="sellers:login")
def account_disable(request, pk):
    seller = _own_seller(request)
    account = get_object_or_404(selectors.accounts_of(seller), pk=pk)
    account_services.disable(account, seller=seller)
    messages.success(request, _("Đã ngừng dùng %(account)s.") % {"account": account})
    return redirect("seller_payments:accounts")


@shop_required
def ledger(request, seller):
    context = {
        "seller": seller,
        "balance": selectors.payable_balance(seller),
        "totals": selectors.ledger_totals(seller),
        "entries": selectors.ledger_of(seller)[:200],
    }
    return render(request, "payments/seller/ledger.html", context)


@shop_required
def transfers_page(request, seller):
    pending = list(selectors.pending_vietqr_payments(seller=seller))
    review = list(selectors.transfers_to_review(seller=seller))
    context = {
        "seller": seller,
        "pending": [(p, forms.ConfirmTransferForm(prefix=f"p{p.pk}")) for p in pending],
        "review": [(t, forms.ResolveTransferForm(prefix=f"t{t.pk}", payments=pending)) for t in review],
    }
    return render(request, "payments/seller/transfers.html", context)


def confirm_payment(request, payment, back):
    form = forms.ConfirmTransferForm(request.POST, prefix=f"p{payment.pk}")
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi mã giao dịch ngân hàng."))
        transfers.confirm_by_hand(
            payment, user=request.user, bank_reference=form.cleaned_data["bank_reference"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ghi nhận tiền cho đơn #%(n)s.") % {"n": payment.part.order.number})
    return redirect(back)


def resolve(request, transfer, pending, back):
    form = forms.ResolveTransferForm(posted(request)[0], prefix=f"t{transfer.pk}", payments=pending)
    try:
        if not form.is_valid():
            raise ValidationError(form.non_field_errors() or _("Dữ liệu không hợp lệ."))
        payment = next((p for p in pending if str(p.pk) == form.cleaned_data["payment"]), None)
        transfers.resolve_transfer(
            transfer, user=request.user, note=form.cleaned_data["note"], payment=payment
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xử lý giao dịch %(id)s.") % {"id": transfer.transaction_id})
    return redirect(back)


@require_POST
@shop_required
def payment_confirm(request, seller, pk):
    payment = get_object_or_404(VietQRPayment, pk=pk, account__seller=seller)
    return confirm_payment(request, payment, "seller_payments:transfers")


@require_POST
@shop_required
def transfer_resolve(request, seller, pk):
    transfer = get_object_or_404(BankTransfer.objects.needs_review(), pk=pk, seller=seller)
    pending = list(selectors.pending_vietqr_payments(seller=seller))
    return resolve(request, transfer, pending, "seller_payments:transfers")
