"""The catalogue's filter and search form (GET): bad values are reported, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.ocop import ProductGroup

from .selectors import STAR_LEVELS, CatalogueFilters

SORT_CHOICES = [
    ("relevance", _("Phù hợp nhất")),
    ("newest", _("Mới nhất")),
    ("price_asc", _("Giá tăng dần")),
    ("price_desc", _("Giá giảm dần")),
    ("rating", _("Hạng sao OCOP")),
]
MAX_PRICE = 10**12


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    group = forms.ChoiceField(
        label=_("Nhóm sản phẩm"), required=False, choices=[("", _("Tất cả"))] + ProductGroup.choices
    )
    stars = forms.TypedChoiceField(
        label=_("Hạng sao OCOP"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Tất cả"))] + [(str(n), f"{n}★+") for n in STAR_LEVELS],
    )
    commune = forms.IntegerField(label=_("Xã/phường"), required=False, min_value=1)
    price_min = forms.IntegerField(label=_("Giá từ (đ)"), required=False, min_value=0, max_value=MAX_PRICE)
    price_max = forms.IntegerField(label=_("Giá đến (đ)"), required=False, min_value=0, max_value=MAX_PRICE)
    sort = forms.ChoiceField(label=_("Sắp xếp"), required=False, choices=SORT_CHOICES)

    def filters(self, category_id=None):
        """The valid part of the input as filters; invalid fields are simply left out."""
        data = self.cleaned_data if self.is_bound and self.errors is not None else {}
        return CatalogueFilters(
            q=(data.get("q") or "").strip(),
            group=data.get("group") or "",
            min_stars=data.get("stars"),
            commune_id=data.get("commune"),
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            sort=data.get("sort") or "relevance",
            category_id=category_id,
        )
