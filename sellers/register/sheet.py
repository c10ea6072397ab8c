"""A published OCOP list ("Danh sách sản phẩm OCOP…") read into checked rows, one product rating each.

Provinces write these lists in many ways; each quirk is read here: "TT/STT", stars as "3 sao",
"3*" or "★★★", dates as dd/mm/yyyy or Excel serials, decision numbers like "1234/QĐ-UBND"
(with the date in them when there is no date column), full-width digits, pre-merger communes.
A row that cannot be read gets a reason in Vietnamese, with the row number the sheet shows.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.core.ocop import ProductGroup
from marketplace.core.sheets import cell_text, folded_words, read_table

from ..models import EthnicGroup, OcopCertificate, RegisterSubject
from ..validators import normalise_phone
from .communes import commune_id, forget

VALID_MONTHS = 36

HEADERS = {
    "tt": {"tt", "stt", "so tt"},
    "name": {"ten san pham", "san pham", "ten san pham ocop", "ten sp"},
    "subject": {
        "chu the",
        "ten chu the",
        "chu the san xuat",
        "chu the ocop",
        "ten chu the san xuat",
        "co so san xuat",
        "don vi san xuat",
        "ten co so",
        "ten doanh nghiep htx ho",
    },
    "kind": {"loai hinh", "loai hinh chu the", "hinh thuc to chuc"},
    "group": {"nhom san pham", "nhom", "nganh hang", "bo san pham", "nhom nganh"},
    "village": {"thon ban", "ban", "thon", "dia chi thon ban", "dia chi ban"},
    "commune": {"xa", "xa phuong", "phuong", "xa phuong thi tran", "dia chi xa", "dia chi xa phuong"},
    "district": {"huyen", "dia chi huyen", "huyen thi xa thanh pho", "huyen thi xa tp", "huyen tx tp"},
    "address": {"dia chi", "dia chi chu the", "dia chi san xuat"},
    "rep_name": {"nguoi dai dien", "dai dien", "ho ten nguoi dai dien", "chu ho", "nguoi dai dien ho ten"},
    "sex": {"gioi tinh", "nguoi dai dien gioi tinh", "nam nu"},
    "ethnic": {"dan toc", "nguoi dai dien dan toc"},
    "phone": {"so dien thoai", "dien thoai", "sdt", "so dt", "nguoi dai dien dien thoai"},
    "tax_code": {"ma so thue", "mst", "ma so doanh nghiep"},
    "stars": {"hang sao", "so sao", "xep hang", "hang", "ket qua xep hang", "sao", "ket qua danh gia"},
    "score": {"diem", "so diem", "diem danh gia", "tong diem", "diem so"},
    "decision_number": {
        "so quyet dinh",
        "quyet dinh so",
        "so qd",
        "quyet dinh",
        "quyet dinh cong nhan",
        "quyet dinh cong nhan so",
    },
    "decision_date": {
        "ngay quyet dinh",
        "quyet dinh ngay",
        "ngay qd",
        "ngay cong nhan",
        "quyet dinh cong nhan ngay",
    },
    "level": {"cap cong nhan", "cap", "cap quyet dinh"},
    "expires": {"ngay het han", "hieu luc den", "thoi han", "het han"},
}
REQUIRED = ("name", "subject", "stars", "decision_number")
HEADER_MESSAGE = _(
    "Không tìm thấy dòng tiêu đề có các cột “Tên sản phẩm”, “Chủ thể”, “Hạng sao”, “Số quyết định” "
    "và “Xã” (hoặc “Địa chỉ”)."
)

KINDS = [  # (folded words the cell or the subject's name starts with, kind); longest first
    ("to hop tac", RegisterSubject.Kind.COOP_GROUP),
    ("tht", RegisterSubject.Kind.COOP_GROUP),
    ("hop tac xa", RegisterSubject.Kind.COOPERATIVE),
    ("htx", RegisterSubject.Kind.COOPERATIVE),
    ("ho kinh doanh", RegisterSubject.Kind.HOUSEHOLD_BUSINESS),
    ("hkd", RegisterSubject.Kind.HOUSEHOLD_BUSINESS),
    ("co so", RegisterSubject.Kind.HOUSEHOLD_BUSINESS),
    ("ho gia dinh", RegisterSubject.Kind.HOUSEHOLD),
    ("ca nhan", RegisterSubject.Kind.HOUSEHOLD),
    ("ho ong", RegisterSubject.Kind.HOUSEHOLD),
    ("ho ba", RegisterSubject.Kind.HOUSEHOLD),
    ("ho", RegisterSubject.Kind.HOUSEHOLD),
    ("cong ty", RegisterSubject.Kind.ENTERPRISE),
    ("doanh nghiep", RegisterSubject.Kind.ENTERPRISE),
    ("dntn", RegisterSubject.Kind.ENTERPRISE),
    ("dn", RegisterSubject.Kind.ENTERPRISE),
]
GROUPS = [
    ("thuc pham", ProductGroup.FOOD),
    ("do uong", ProductGroup.BEVERAGE),
    ("thao duoc", ProductGroup.HERBAL),
    ("duoc lieu", ProductGroup.HERBAL),
    ("vai", ProductGroup.TEXTILE),
    ("may mac", ProductGroup.TEXTILE),
    ("luu niem", ProductGroup.SOUVENIR),
    ("thu cong", ProductGroup.SOUVENIR),
    ("noi that", ProductGroup.SOUVENIR),
    ("dich vu", ProductGroup.TOURISM),
    ("du lich", ProductGroup.TOURISM),
]
SEXES = {"nam": "M", "m": "M", "nu": "F", "f": "F"}
ETHNIC_ALIASES = {"mong": "h mong", "hmong": "h mong", "meo": "h mong", "khomu": "kho mu", "kmu": "kho mu"}
DATE_TEXT = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass
class Row:
    """One checked row: a subject, one of its products and one rating of it."""

    number: int
    subject_name: str
    kind: str
    commune_id: int
    village: str
    address: str
    rep_name: str
    rep_sex: str
    rep_ethnic_group_id: int | None
    phone: str
    tax_code: str
    product_name: str
    product_group: str
    stars: int
    score: int | None
    decision_number: str
    decided_on: date
    level: str
    expires_on: date

    @property
    def identity(self):
        """The subject again on another row or sheet: its tax code, else its name in its commune."""
        if self.tax_code:
            return f"mst:{self.tax_code}"
        return f"ten:{self.commune_id}:{folded_words(self.subject_name)}"[:260]

    @property
    def product_key(self):
        return folded_words(self.product_name)[:200]


class RowError(Exception):
    pass


def _starts(text, table):
    folded = folded_words(text)
    for words, value in table:
        if folded == words or folded.startswith(words + " "):
            return value
    return None


def parse_stars(value) -> int:
    text = cell_text(value)
    if "★" in text or "☆" in text:
        stars = text.count("★")
    else:
        digits = re.findall(r"\d", text)
        stars = int(digits[0]) if digits else 0
    if stars not in (3, 4, 5):
        raise RowError(_("hạng sao “%(value)s” không đọc được (3, 4 hoặc 5 sao)") % {"value": text})
    return stars


def parse_date(value, what) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 20000 < value < 80000:  # an Excel serial day
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = cell_text(value)
    if re.fullmatch(r"\d{5}(\.0)?", text):
        return EXCEL_EPOCH + timedelta(days=int(float(text)))
    found = DATE_TEXT.search(text)
    if found:
        day, month, year = (int(g) for g in found.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise RowError(_("%(what)s “%(value)s” không đọc được (ngày/tháng/năm)") % {"what": what, "value": text})


def parse_decision(value) -> str:
    """'1234 / qđ-ubnd ngày 12/5/2024' -> '1234/QĐ-UBND'."""
    text = DATE_TEXT.sub("", cell_text(value))
    text = re.sub(r"\s*ngày\s*$", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*([/\-])\s*", r"\1", " ".join(text.split())).upper().replace("QD", "QĐ")
    if not re.match(r"^\d+/", text):
        raise RowError(_("số quyết định “%(value)s” không đúng dạng (ví dụ 1234/QĐ-UBND)") % {"value": text})
    return text[:60]


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _phone(text):
    text = cell_text(text)
    if not text:
        return ""
    if re.fullmatch(r"[35789]\d{8}", text):  # Excel dropped the leading 0
        text = "0" + text
    try:
        return normalise_phone(text)
    except ValidationError:
        digits = re.sub(r"\D", "", text)
        if 9 <= len(digits) <= 11:
            return digits  # a landline: kept as written
        raise RowError(_("số điện thoại “%(value)s” không đúng") % {"value": text}) from None


def _tax_code(text):
    text = re.sub(r"[\s.]", "", cell_text(text))
    if text and not re.fullmatch(r"\d{10}(-\d{3})?", text):
        raise RowError(_("mã số thuế “%(value)s” phải có 10 chữ số (hoặc 10-3)") % {"value": text})
    return text


class Reader:
    """Turns the sheet's rows into ``Row``s and refusals; reference data read once per sheet."""

    def __init__(self):
        self.ethnic_by_name = {}
        for pk, name in EthnicGroup.objects.values_list("pk", "name"):
            folded = folded_words(name)
            self.ethnic_by_name[folded] = pk
            self.ethnic_by_name[folded.replace(" ", "")] = pk

    def row(self, number, cells) -> Row:
        name = cell_text(cells["name"])
        subject = cell_text(cells["subject"])
        if not name:
            raise RowError(_("thiếu tên sản phẩm"))
        if not subject:
            raise RowError(_("thiếu tên chủ thể"))
        kind = _starts(cells["kind"], KINDS) if cell_text(cells["kind"]) else _starts(subject, KINDS)
        if kind is None:
            raise RowError(
                _(
                    "không rõ loại hình của “%(name)s” "
                    "(doanh nghiệp, HTX, tổ hợp tác, hộ kinh doanh, hộ gia đình)"
                )
                % {"name": subject}
            )
        group = _starts(cells["group"], GROUPS) or next(
            (g for words, g in GROUPS if words in folded_words(cells["group"])), None
        )
        if group is None:
            raise RowError(
                _("nhóm sản phẩm “%(value)s” không thuộc 6 nhóm OCOP") % {"value": cell_text(cells["group"])}
            )
        commune = commune_id(
            cell_text(cells["commune"]), cell_text(cells["district"]), cell_text(cells["address"])
        )
        if commune is None:
            place = ", ".join(filter(None, (cell_text(cells[k]) for k in ("commune", "district", "address"))))
            raise RowError(_("không tìm thấy xã/phường “%(place)s” trong tỉnh Điện Biên") % {"place": place})
        stars = parse_stars(cells["stars"])
        decision = parse_decision(cells["decision_number"])
        date_source = (
            cells["decision_date"] if cell_text(cells["decision_date"]) else cells["decision_number"]
        )
        decided_on = parse_date(date_source, _("ngày quyết định"))
        expires_on = (
            parse_date(cells["expires"], _("ngày hết hạn"))
            if cell_text(cells["expires"])
            else add_months(decided_on, VALID_MONTHS)
        )
        if expires_on <= decided_on:
            raise RowError(_("ngày hết hạn phải sau ngày quyết định"))
        score_text = re.sub(r"[^\d]", "", cell_text(cells["score"]).split(",")[0].split(".")[0])
        score = int(score_text) if score_text else None
        if score is not None and not 0 <= score <= 100:
            raise RowError(_("điểm “%(value)s” phải từ 0 đến 100") % {"value": cell_text(cells["score"])})
        level_text = folded_words(cells["level"])
        national = stars == 5 or "trung uong" in level_text or level_text in {"tw", "quoc gia"}
        ethnic_text = folded_words(cells["ethnic"])
        ethnic = None
        if ethnic_text:
            ethnic_text = ETHNIC_ALIASES.get(ethnic_text, ethnic_text)
            ethnic = self.ethnic_by_name.get(ethnic_text) or self.ethnic_by_name.get(
                ethnic_text.replace(" ", "")
            )
            if ethnic is None:
                raise RowError(
                    _("dân tộc “%(value)s” không có trong danh mục 54 dân tộc")
                    % {"value": cell_text(cells["ethnic"])}
                )
        sex = SEXES.get(folded_words(cells["sex"]), "")
        if cell_text(cells["sex"]) and not sex:
            raise RowError(_("giới tính “%(value)s” không rõ (Nam/Nữ)") % {"value": cell_text(cells["sex"])})
        return Row(
            number=number,
            subject_name=subject[:200],
            kind=kind,
            commune_id=commune,
            village=cell_text(cells["village"])[:120],
            address=cell_text(cells["address"])[:255],
            rep_name=cell_text(cells["rep_name"])[:120],
            rep_sex=sex,
            rep_ethnic_group_id=ethnic,
            phone=_phone(cells["phone"]),
            tax_code=_tax_code(cells["tax_code"]),
            product_name=name[:200],
            product_group=group,
            stars=stars,
            score=score,
            decision_number=decision,
            decided_on=decided_on,
            level=OcopCertificate.Level.NATIONAL if national else OcopCertificate.Level.PROVINCE,
            expires_on=expires_on,
        )


def read(filename, content):
    """([Row], [{"row": n, "reason": text}], ignored row numbers); SheetError for an unreadable file."""

    def has_enough(columns):
        return bool({"commune", "address"} & columns)

    table, ignored = read_table(
        filename, content, HEADERS, has_enough, HEADER_MESSAGE, required=REQUIRED, raw=True
    )
    forget()  # today's communes read afresh for each sheet (operators may edit them)
    reader = Reader()
    rows, errors, seen = [], [], {}
    for number, cells in table:
        try:
            row = reader.row(number, cells)
        except RowError as error:
            errors.append({"row": number, "reason": str(error)})
            continue
        key = (row.identity, row.product_key, row.decision_number)
        if key in seen:
            errors.append({"row": number, "reason": _("trùng với dòng %(row)s") % {"row": seen[key]}})
            continue
        seen[key] = number
        rows.append(row)
    return rows, errors, ignored
