"""Forms of the payment pages: accounts, confirmations, review, payouts and refunds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .banks import bank_choices
from .models import EPaymentAccount


class BankAccountForm(forms.Form):
    bank_bin = forms.ChoiceField(label=_("Ngân hàng"), choices=())
    account_number = forms.CharField(label=_("Số tài khoản"), max_length=40)
    holder_name = forms.CharField(
        label=_("Tên chủ tài khoản"),
        max_length=80,
        help_text=_("Như trên thẻ ngân hàng, có dấu hay không dấu đều được; phải là tên người đại diện."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank_bin"].choices = [("", _("— Chọn ngân hàng —"))] + bank_choices()
        self.fields["account_number"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        self.fields["holder_name"].widget.attrs.update(autocomplete="name")


class EWalletForm(forms.Form):
    wallet = forms.ChoiceField(label=_("Ví điện tử"), choices=EPaymentAccount.Wallet.choices)
    phone = forms.CharField(label=_("Số điện thoại của ví"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update(inputmode="tel", autocomplete="tel")


class ConfirmTransferForm(forms.Form):
    bank_reference = forms.CharField(
        label=_("Mã giao dịch ngân hàng"),
        max_length=60,
        help_text=_("Mã giao dịch trong tin nhắn hoặc ứng dụng ngân hàng khi tiền về."),
    )


class ResolveTransferForm(forms.Form):
    payment = forms.ChoiceField(label=_("Gắn với đơn đang chờ tiền"), required=False, choices=())
    note = forms.CharField(
        label=_("Hoặc ghi đã xử lý thế nào"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: đã trả lại tiền cho người mua; khách chuyển thiếu, đã bù."),
    )

    def __init__(self, *args, payments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment"].choices = [("", "—")] + [
            (p.pk, f"{p.reference} · #{p.part.order.number} · {int(p.amount):,} ₫".replace(",", "."))
            for p in payments
        ]

    def clean(self):
        data = super().clean()
        if not data.get("payment") and not (data.get("note") or "").strip():
            raise forms.ValidationError(_("Chọn đơn để gắn, hoặc ghi đã xử lý thế nào."))
        return data


class AccountDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("verify", _("Xác minh")), ("refuse", _("Không đúng"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(label=_("Lý do (khi không đúng)"), required=False, max_length=500)


class PayoutForm(forms.Form):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    bank_reference = forms.CharField(label=_("Mã giao dịch chuyển tiền"), max_length=100)


class RefundForm(forms.Form):
    part = forms.ChoiceField(label=_("Kiện hàng"), choices=())
    amount = forms.IntegerField(label=_("Số tiền hoàn (đồng)"), min_value=1)

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [(p.pk, p.label) for p in parts]
