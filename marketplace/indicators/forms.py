"""Filters, targets and export ranges typed by officials: bad input is a form error, never a 500."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from sellers.models import Commune, Seller

from .definitions import INDICATORS, YEARS
from .selectors import Filters, ethnic_groups_present


class FilterForm(forms.Form):
    date = forms.DateField(label=_("Ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    commune = forms.ModelChoiceField(
        label=_("Xã/phường"),
        queryset=Commune.objects.order_by("name"),
        required=False,
        empty_label=_("Toàn tỉnh"),
    )
    ethnic = forms.ModelChoiceField(
        label=_("Dân tộc"), queryset=None, required=False, empty_label=_("Tất cả")
    )
    type = forms.ChoiceField(
        label=_("Loại hình"), choices=[("", _("Tất cả"))] + list(Seller.EntityType.choices), required=False
    )
    sex = forms.ChoiceField(
        label=_("Giới tính người đại diện"),
        choices=[("", _("Tất cả"))] + list(Seller.Sex.choices),
        required=False,
    )
    sort = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)

    def __init__(self, *args, commune_fixed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ethnic"].queryset = ethnic_groups_present()
        if commune_fixed is not None:
            # A commune official's scope is not a choice.
            del self.fields["commune"]

    def filters(self, commune_id=None) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        commune = data.get("commune")
        ethnic = data.get("ethnic")
        return Filters(
            commune_id=commune_id or (commune.pk if commune else None),
            ethnic_group_id=ethnic.pk if ethnic else None,
            entity_type=data.get("type") or "",
            sex=data.get("sex") or "",
        )


class TargetsForm(forms.Form):
    """One number per indicator and year (2025 is the baseline); empty means the default line."""

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for year in YEARS:
            row = []
            for indicator in INDICATORS:
                name = f"{indicator.code}_{year}"
                self.fields[name] = forms.DecimalField(
                    label=f"{indicator.code} {year}",
                    required=False,
                    min_value=Decimal(0),
                    max_value=Decimal(100),
                    decimal_places=1,
                    # A table cell has no <label>: the cell's name is the indicator and the year.
                    widget=forms.NumberInput(
                        attrs={
                            "step": "0.1",
                            "inputmode": "decimal",
                            "aria-label": _("%(code)s, năm %(year)s (%%)")
                            % {"code": indicator.code, "year": year},
                        }
                    ),
                )
                explicit = targets.explicit.get((indicator.code, year))
                self.initial[name] = explicit
                row.append((indicator, name, targets.for_year(indicator.code, year)))
            self.rows.append((year, row))

    def bound_rows(self):
        return [(year, [(i, self[name], default) for i, name, default in row]) for year, row in self.rows]

    def values(self):
        return {
            (i.code, year): self.cleaned_data[name] for year, row in self.rows for i, name, _default in row
        }
