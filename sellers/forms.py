"""Forms of the seller workspace and the registration wizard: few fields each, Vietnamese labels."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.ocop import ProductGroup
from marketplace.core.photos import clean_photo

from .models import Commune, EthnicGroup, ExternalShopLink, OcopCertificate, Seller
from .validators import clean_citizen_id, normalise_phone

PHOTO_ATTRS = {"accept": "image/*"}
# Every free-text field is bounded (docs/security.md); tests/security/test_limits.py checks it.
MAX_PASSWORD = 128
MAX_REASON = 1000
MAX_STORY = 2000
MAX_DESCRIPTION = 5000


class PhotoField(forms.FileField):
    """A photo checked by decoding it; cleans to a re-encoded JPEG without EXIF."""

    widget = forms.ClearableFileInput(attrs=PHOTO_ATTRS)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "size"):
            return clean_photo(upload)
        return upload


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Số điện thoại/email hoặc mật khẩu chưa đúng. Hãy thử lại."),
    }
    username = forms.CharField(
        label=_("Số điện thoại hoặc email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "email"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        max_length=MAX_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean_username(self):
        value = self.cleaned_data["username"].strip()
        if "@" in value:
            return value
        try:
            return normalise_phone(value)
        except ValidationError:
            return value


class AccountForm(forms.Form):
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "0912 345 678"}
        ),
    )
    password = forms.CharField(
        label=_("Mật khẩu (ít nhất 8 ký tự)"),
        max_length=MAX_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    commune = forms.ModelChoiceField(
        label=_("Xã/phường"), queryset=Commune.objects.all(), empty_label=_("— Chọn xã/phường —")
    )
    email = forms.EmailField(label=_("Email (không bắt buộc)"), required=False)

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class CommuneForm(forms.ModelForm):
    """Step 1 again, once the account exists: only the commune can change."""

    class Meta:
        model = Seller
        fields = ["commune"]


class ShopForm(forms.ModelForm):
    class Meta:
        model = Seller
        fields = ["name", "entity_type", "address"]
        labels = {"name": _("Tên cơ sở (hộ, HTX, doanh nghiệp)")}
        widgets = {"entity_type": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["entity_type"].choices = Seller.EntityType.choices


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Seller
        fields = ["rep_name", "rep_sex", "rep_birth_year"]
        labels = {"rep_name": _("Họ và tên người đại diện")}
        widgets = {
            "rep_sex": forms.RadioSelect,
            "rep_birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rep_name"].required = True
        self.fields["rep_sex"].choices = Seller.Sex.choices

    def clean_rep_birth_year(self):
        year = self.cleaned_data.get("rep_birth_year")
        this_year = timezone.localdate().year
        if year is not None and not (this_year - 110 <= year <= this_year - 15):
            raise ValidationError(_("Năm sinh không hợp lệ (ví dụ 1985)."))
        return year


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý cho Chợ OCOP Điện Biên lưu dân tộc và số CCCD của người đại diện để cán bộ xác minh."
        ),
        error_messages={"required": _("Cần đồng ý thì mới đăng ký được.")},
    )
    publish_ethnic_group = forms.BooleanField(
        label=_(
            "Hiển thị dân tộc trên gian hàng để người mua biết đây là sản phẩm của đồng bào (không bắt buộc)."
        ),
        required=False,
    )


class IdentityForm(forms.Form):
    ethnic_group = forms.ModelChoiceField(
        label=_("Dân tộc của người đại diện"), queryset=EthnicGroup.objects.all(), empty_label=_("— Chọn —")
    )
    citizen_id = forms.CharField(
        label=_("Số CCCD (12 số)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    business_registration_no = forms.CharField(
        label=_("Số đăng ký kinh doanh (bắt buộc với HTX, doanh nghiệp)"), max_length=30, required=False
    )

    def clean_citizen_id(self):
        value = self.cleaned_data["citizen_id"]
        return clean_citizen_id(value) if value else ""


class StoryForm(forms.ModelForm):
    story = forms.CharField(
        label=_("Câu chuyện sản phẩm (không bắt buộc)"),
        required=False,
        max_length=MAX_STORY,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    story_photo = PhotoField(label=_("Ảnh cơ sở hoặc sản phẩm (không bắt buộc)"), required=False)

    class Meta:
        model = Seller
        fields = ["story", "story_photo"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Xác minh")),
            ("request_changes", _("Yêu cầu bổ sung")),
            ("reject", _("Từ chối")),
        ],
    )
    reason = forms.CharField(
        label=_("Lý do / nội dung cần bổ sung"),
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CertificateDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        widget=forms.RadioSelect,
        choices=[("approve", _("Xác minh")), ("reject", _("Không chấp nhận"))],
    )
    reason = forms.CharField(
        label=_("Lý do"), required=False, max_length=MAX_REASON, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProductForm(forms.Form):
    title = forms.CharField(label=_("Tên sản phẩm"), max_length=255)
    description = forms.CharField(
        label=_("Mô tả"), required=False, max_length=MAX_DESCRIPTION, widget=forms.Textarea(attrs={"rows": 4})
    )
    product_group = forms.ChoiceField(label=_("Nhóm sản phẩm"), choices=ProductGroup.choices)
    price = forms.IntegerField(
        label=_("Giá bán (đồng)"),
        min_value=1000,
        max_value=1_000_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000}),
    )
    stock = forms.IntegerField(
        label=_("Số lượng còn"),
        min_value=0,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    weight_grams = forms.IntegerField(
        label=_("Khối lượng 1 sản phẩm (gam)"),
        min_value=1,
        max_value=100_000,
        initial=500,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    photo = PhotoField(label=_("Ảnh sản phẩm"), required=False)


class CertificateForm(forms.ModelForm):
    scan = PhotoField(label=_("Ảnh chụp giấy chứng nhận"))

    class Meta:
        model = OcopCertificate
        fields = [
            "product_name",
            "stars",
            "product_group",
            "decision_number",
            "level",
            "issued_on",
            "expires_on",
            "scan",
            "products",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
            "stars": forms.RadioSelect(choices=[(3, "3★"), (4, "4★"), (5, "5★")]),
            "products": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, seller, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = seller.products.all()
        self.fields["products"].required = False

    def clean(self):
        data = super().clean()
        if data.get("issued_on") and data.get("expires_on") and data["expires_on"] <= data["issued_on"]:
            self.add_error("expires_on", _("Ngày hết hạn phải sau ngày cấp."))
        return data


class ShipForm(forms.Form):
    carrier = forms.CharField(label=_("Đơn vị vận chuyển"), max_length=60)
    tracking_code = forms.CharField(label=_("Mã vận đơn"), max_length=60, required=False)


class ExternalShopLinkForm(forms.Form):
    platform = forms.ChoiceField(
        label=_("Sàn hoặc mạng xã hội"),
        choices=[("", _("— Chọn —")), *ExternalShopLink.Platform.choices],
    )
    url = forms.URLField(
        label=_("Đường dẫn tới cửa hàng của bạn"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Mở cửa hàng trên ứng dụng, bấm “Chia sẻ” → “Sao chép liên kết”, rồi dán vào đây."),
        widget=forms.URLInput(
            attrs={"inputmode": "url", "autocomplete": "url", "placeholder": "https://shopee.vn/..."}
        ),
    )


class LinkDecisionForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=MAX_REASON)


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Danh sách sản phẩm OCOP (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB; hãy chia nhỏ."))
        return upload


class OutreachNoteForm(forms.Form):
    visited_on = forms.DateField(
        label=_("Ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Ghi chú"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: đã đến nhà, chưa có điện thoại thông minh")}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500)
