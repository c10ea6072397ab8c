"""Reading attendance sheets (Excel .xlsx or CSV) into numbered rows of name, phone and ID digits.

The reading itself (title rows, two-line headers, number-only rows) is ``core.sheets``'s.
"""

from django.utils.translation import gettext as _

from marketplace.core.sheets import SheetError, folded_words, read_table  # noqa: F401 - used by importers

# Folded header text -> our column; officials write headers in many ways.
HEADERS = {
    "name": {"ho va ten", "ho ten", "ten", "name", "full name", "hoc vien", "ten hoc vien"},
    "phone": {"so dien thoai", "dien thoai", "sdt", "so dt", "phone", "dt"},
    "last4": {"4 so cuoi cccd", "4 so cuoi", "cccd", "so cccd", "citizen id", "can cuoc"},
}


def read_sheet(filename, content):
    """An attendance sheet: ([(row number, {"name", "phone", "last4"})], ignored row numbers)."""
    message = _("Không tìm thấy dòng tiêu đề có cột “Họ và tên” và “Số điện thoại” (hoặc “4 số cuối CCCD”).")
    return read_table(filename, content, HEADERS, lambda columns: {"phone", "last4"} & columns, message)
