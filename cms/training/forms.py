"""Officials' forms: registries, in-person sessions, attendees and attendance sheets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sellers.models import Commune
from sellers.validators import normalise_phone

from ..models import CoursePage
from .models import AffairsStaff, TrainingSession, VillageHead

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _phone(value):
    value = value.strip()
    return normalise_phone(value) if value else ""


def _last4(value):
    value = value.strip()
    if value and not (len(value) == 4 and value.isdigit()):
        raise forms.ValidationError(_("Ghi đúng 4 chữ số cuối của CCCD."))
    return value


class ScopedCommuneMixin:
    """A commune official's forms have their commune fixed; province officials choose."""

    def __init__(self, *args, official, **kwargs):
        super().__init__(*args, **kwargs)
        own = official.official_profile.commune
        if "commune" in self.fields:
            if own is not None:
                self.fields["commune"].queryset = Commune.objects.filter(pk=own.pk)
                self.fields["commune"].initial = own.pk
                self.fields["commune"].empty_label = None


class VillageHeadForm(ScopedCommuneMixin, forms.ModelForm):
    class Meta:
        model = VillageHead
        fields = [
            "name",
            "phone",
            "citizen_id_last4",
            "sex",
            "role",
            "commune",
            "village",
            "ethnic_group",
            "registered_on",
            "left_on",
        ]
        widgets = {
            "registered_on": DATE,
            "left_on": DATE,
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
            "citizen_id_last4": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
            "sex": forms.RadioSelect,
        }

    def clean_phone(self):
        return _phone(self.cleaned_data["phone"])

    def clean_citizen_id_last4(self):
        return _last4(self.cleaned_data["citizen_id_last4"])


class AffairsStaffForm(ScopedCommuneMixin, forms.ModelForm):
    class Meta:
        model = AffairsStaff
        fields = [
            "name",
            "phone",
            "citizen_id_last4",
            "sex",
            "unit",
            "level",
            "commune",
            "registered_on",
            "left_on",
        ]
        widgets = VillageHeadForm.Meta.widgets

    def clean_phone(self):
        return _phone(self.cleaned_data["phone"])

    def clean_citizen_id_last4(self):
        return _last4(self.cleaned_data["citizen_id_last4"])

    def __init__(self, *args, official, **kwargs):
        super().__init__(*args, official=official, **kwargs)
        if official.official_profile.commune is not None:
            self.fields["level"].choices = [(AffairsStaff.Level.COMMUNE, AffairsStaff.Level.COMMUNE.label)]


class SessionForm(ScopedCommuneMixin, forms.ModelForm):
    course = forms.ModelChoiceField(CoursePage.objects.none(), label=_("Khoá học"))

    class Meta:
        model = TrainingSession
        fields = ["course", "commune", "held_on", "place", "trainer"]
        widgets = {"held_on": DATE}

    def __init__(self, *args, official, **kwargs):
        super().__init__(*args, official=official, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        if official.official_profile.commune is not None:
            self.fields["commune"].required = True
        else:
            self.fields["commune"].help_text = _("Để trống nếu là lớp cấp tỉnh.")


class AttendeeForm(forms.Form):
    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        max_length=20,  # a phone number, spaces and +84 included; longer is a form error
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    name = forms.CharField(label=_("Hoặc họ và tên"), required=False, max_length=120)
    last4 = forms.CharField(
        label=_("Và 4 số cuối CCCD"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not (data.get("name") and data.get("last4")):
            raise forms.ValidationError(_("Ghi số điện thoại, hoặc họ tên cùng 4 số cuối CCCD."))
        return data


class SheetForm(forms.Form):
    sheet = forms.FileField(
        label=_("Tệp danh sách (Excel .xlsx hoặc CSV)"),
        help_text=_("Dòng đầu là tiêu đề: Họ và tên, Số điện thoại, 4 số cuối CCCD."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
