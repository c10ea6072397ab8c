"""Vietnamese checkout forms: a two-tier address (province, commune/ward, street), phone required."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms

from marketplace.shipping.rates import province_choices

from .payment_methods import method_choices, unavailable_methods


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    """No postcode or country (Vietnam only): name, phone, province, commune/ward, street."""

    state = forms.ChoiceField(label=_("Tỉnh/thành phố"), choices=())

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = ["first_name", "phone_number", "state", "line4", "line1", "notes"]
        labels = {
            "first_name": _("Họ và tên người nhận"),
            "line4": _("Xã/phường"),
            "line1": _("Số nhà, đường, thôn/bản"),
            "notes": _("Ghi chú cho người giao hàng"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("— Chọn tỉnh/thành phố —"))] + province_choices()
        phone = self.fields["phone_number"]
        phone.required = True
        phone.label = _("Số điện thoại")
        phone.widget.attrs.update(inputmode="tel", autocomplete="tel")
        self.fields["first_name"].widget.attrs.update(autocomplete="name")
        self.fields["notes"].widget.attrs.update(rows=2)


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(label=_("Hình thức thanh toán"), widget=forms.RadioSelect, choices=())

    def __init__(self, *args, basket=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = method_choices(basket)
        self.unavailable = unavailable_methods(basket)  # shown with the reason (e.g. no verified account)
        if self.fields["method"].choices:  # the first (cash on delivery, the most used) by default
            self.fields["method"].initial = self.fields["method"].choices[0][0]
