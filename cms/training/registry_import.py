"""Registries from a spreadsheet: village heads or ethnic-affairs staff, all rows or none.

Small files (a commune has tens of village heads, the province hundreds), so the import runs in
the request. A row whose phone is already on the registry updates that row (within the
official's communes); any bad row rejects the file with each row number and reason.
"""

import re
from datetime import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sellers.models import Commune, EthnicGroup

from . import services
from .models import AffairsStaff, VillageHead
from .sheets import SheetError, folded_words, read_table

COMMON = {
    "name": {"ho va ten", "ho ten", "ten", "name"},
    "phone": {"so dien thoai", "dien thoai", "sdt", "so dt", "phone"},
    "last4": {"4 so cuoi cccd", "4 so cuoi", "cccd"},
    "sex": {"gioi tinh", "gioi", "nam nu", "sex"},
    "commune": {"xa", "xa phuong", "phuong", "xa phuong thi tran", "commune"},
    "registered_on": {"ngay vao danh sach", "ngay dang ky", "ngay"},
}
VILLAGE_HEAD_HEADERS = {
    **COMMON,
    "village": {"thon ban", "ban", "thon", "village"},
    "ethnic": {"dan toc", "ethnic group"},
    "role": {"vai tro", "chuc danh", "role"},
}
STAFF_HEADERS = {
    **COMMON,
    "unit": {"don vi", "don vi cong tac", "co quan", "unit"},
    "level": {"cap", "level"},
}

SEXES = {"nam": "M", "m": "M", "nu": "F", "f": "F"}
ROLES = {
    "truong ban": VillageHead.Role.VILLAGE_HEAD,
    "truong thon": VillageHead.Role.VILLAGE_HEAD,
    "": VillageHead.Role.VILLAGE_HEAD,
    "nguoi co uy tin": VillageHead.Role.INFLUENTIAL,
    "uy tin": VillageHead.Role.INFLUENTIAL,
}
LEVELS = {
    "xa": AffairsStaff.Level.COMMUNE,
    "cap xa": AffairsStaff.Level.COMMUNE,
    "tinh": "province",
    "cap tinh": "province",
}


def _key(text):
    return folded_words(text)


class Lookups:
    def __init__(self):
        self.communes = {}
        for commune in Commune.objects.all():
            self.communes[_key(commune.name)] = commune
            self.communes[_key(str(commune))] = commune  # "Xã Tủa Chùa"
        self.ethnic = {}
        for group in EthnicGroup.objects.all():
            self.ethnic[_key(group.name)] = group
            self.ethnic[_key(group.name).replace(" ", "")] = group  # "H'Mông" -> "hmong"
            self.ethnic[group.code] = group
            if _key(group.name).startswith("h "):  # "H'Mông" is also written "Mông"
                self.ethnic[_key(group.name)[2:]] = group


def _date(text):
    text = text.strip()
    if not text:
        return timezone.localdate()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("ngày “%(value)s” không đúng (ví dụ 15/03/2026)") % {"value": text})


def _choice(table, text, what):
    value = table.get(_key(text))
    if value is None:
        raise ValidationError(_("%(what)s “%(value)s” không đúng") % {"what": what, "value": text})
    return value


def _commune(official, lookups, text):
    own = official.official_profile.commune
    if not text.strip() and own is not None:
        return own
    commune = lookups.communes.get(_key(text))
    if commune is None:
        raise ValidationError(_("không có xã/phường “%(value)s” ở Điện Biên") % {"value": text})
    return commune


def _build(official, kind, row, lookups):
    model = VillageHead if kind == "village_heads" else AffairsStaff
    phone = services.clean_phone(row["phone"])
    entry = model.objects.filter(phone=phone).first() if phone else None
    if entry is None:
        entry = model()
    elif not model.objects.for_official(official).filter(pk=entry.pk).exists():
        raise ValidationError(
            _("số điện thoại %(phone)s đã có trong danh sách của xã khác") % {"phone": phone}
        )
    entry.name = row["name"].strip()
    entry.phone = phone
    last4 = re.sub(r"\D", "", row["last4"])
    if row["last4"] and len(last4) != 4:
        raise ValidationError(_("4 số cuối CCCD “%(value)s” không đúng") % {"value": row["last4"]})
    entry.citizen_id_last4 = last4
    entry.sex = _choice(SEXES, row["sex"], _("giới tính"))
    entry.registered_on = _date(row["registered_on"]) if not entry.pk else entry.registered_on
    if kind == "village_heads":
        entry.commune = _commune(official, lookups, row["commune"])
        entry.village = row["village"].strip()
        entry.role = _choice(ROLES, row["role"], _("vai trò"))
        entry.ethnic_group = lookups.ethnic.get(_key(row["ethnic"])) or lookups.ethnic.get(
            _key(row["ethnic"]).replace(" ", "")
        )
        if row["ethnic"] and entry.ethnic_group is None:
            raise ValidationError(_("dân tộc “%(value)s” không có trong danh mục") % {"value": row["ethnic"]})
    else:
        entry.unit = row["unit"].strip()
        entry.level = _choice(LEVELS, row["level"] or "xa", _("cấp"))
        if entry.level == "province" and not row["commune"].strip():
            entry.commune = None
        else:
            entry.commune = _commune(official, lookups, row["commune"])
    return entry


def _reasons(error, kind):
    """One line per problem, naming the column: "số điện thoại: …"."""
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    model = VillageHead if kind == "village_heads" else AffairsStaff
    parts = []
    for field, messages in error.message_dict.items():
        label = "" if field == NON_FIELD_ERRORS else f"{model._meta.get_field(field).verbose_name}: "
        parts += [label + message for message in messages]
    return "; ".join(parts)


class RegistryImportError(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def import_registry(official, kind, filename, content):
    """Save every row or none; returns the number of rows saved, or raises RegistryImportError."""
    headers = VILLAGE_HEAD_HEADERS if kind == "village_heads" else STAFF_HEADERS
    message = _("Không tìm thấy dòng tiêu đề có ít nhất cột “Họ và tên” và “Giới tính”.")
    try:
        rows, _ignored = read_table(filename, content, headers, lambda columns: "sex" in columns, message)
    except SheetError as error:
        raise RegistryImportError([{"row": 0, "reason": str(error)}]) from error
    lookups = Lookups()
    errors, seen = [], {}
    with transaction.atomic():
        for number, row in rows:
            try:
                entry = _build(official, kind, row, lookups)
                if entry.phone and seen.setdefault(entry.phone, number) != number:
                    raise ValidationError(
                        _("trùng số điện thoại với dòng %(row)s") % {"row": seen[entry.phone]}
                    )
                with transaction.atomic():
                    services.save_registry_entry(official, entry)
            except ValidationError as error:
                errors.append({"row": number, "reason": _reasons(error, kind)})
            except PermissionDenied:
                errors.append({"row": number, "reason": _("xã này không thuộc quyền của bạn")})
        if errors:
            raise RegistryImportError(errors)
    return len(rows)
