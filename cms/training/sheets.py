"""Reading attendance sheets (Excel .xlsx or CSV) into numbered rows of name, phone and ID digits.

Row numbers are the ones the official sees in the spreadsheet, so an error message can say
"dòng 7". Sheets are read as communes keep them: title and date lines above the header are
skipped, and rows that carry nothing but their number (a list numbered further than it was
filled in) are ignored and reported.
"""

import csv
import io
import re
import unicodedata

from django.utils.translation import gettext as _

from marketplace.core.text import fold

MAX_ROWS = 20_000
HEADER_WITHIN = 15  # non-empty lines above the header row (titles, date, unit) we look past

# Folded header text -> our column; officials write headers in many ways.
HEADERS = {
    "name": {"ho va ten", "ho ten", "ten", "name", "full name", "hoc vien", "ten hoc vien"},
    "phone": {"so dien thoai", "dien thoai", "sdt", "so dt", "phone", "dt"},
    "last4": {"4 so cuoi cccd", "4 so cuoi", "cccd", "so cccd", "citizen id", "can cuoc"},
}


class SheetError(Exception):
    """The file as a whole cannot be read (wrong format, no header, too many rows)."""


def folded_words(text) -> str:
    """'Xã  Tủa-Chùa' -> 'xa tua chua': accents, case and punctuation ignored."""
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", fold(str(text or ""))).split())


def _header_key(text, headers):
    folded = folded_words(text)
    for key, names in headers.items():
        if folded in names:
            return key
    return None


def cell_text(value) -> str:
    """A cell as text, digits normalised (NFKC), whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _rows_of_xlsx(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise SheetError(_("Không đọc được tệp Excel (.xlsx).")) from error
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _rows_of_csv(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetError(_("Tệp CSV phải lưu với bảng mã UTF-8.")) from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def read_sheet(filename, content):
    """An attendance sheet: ([(row number, {"name", "phone", "last4"})], ignored row numbers)."""
    message = _("Không tìm thấy dòng tiêu đề có cột “Họ và tên” và “Số điện thoại” (hoặc “4 số cuối CCCD”).")
    return read_table(filename, content, HEADERS, lambda columns: {"phone", "last4"} & columns, message)


def _is_header(cells, headers, has_enough):
    columns = {key: n for n, text in enumerate(cells) if (key := _header_key(text, headers))}
    return columns if "name" in columns and has_enough(set(columns)) else None


def _only_a_number(cells, columns):
    """A row whose only content is a row number ("7", in the "TT" column or before the data)."""
    filled = [n for n, text in enumerate(cells) if text]
    return (
        len(filled) == 1 and filled[0] not in columns.values() and re.fullmatch(r"\d+\.?", cells[filled[0]])
    )


def read_table(filename, content, headers, has_enough, header_message):
    """([(row number, {column: text})], [ignored row numbers]) of the rows under the header row.

    The header is the first of the first lines that names the columns; ``has_enough(columns)``
    says whether it names those needed besides "name".
    """
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _rows_of_xlsx(content)
    elif name.endswith(".csv"):
        rows = _rows_of_csv(content)
    else:
        raise SheetError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV."))
    columns = None
    data, ignored, lines_above = [], [], 0
    for number, row in enumerate(rows, start=1):
        cells = [cell_text(value) for value in row]
        if not any(cells):
            continue
        if columns is None:
            columns = _is_header(cells, headers, has_enough)
            lines_above += columns is None
            if lines_above > HEADER_WITHIN:
                raise SheetError(header_message)
            continue
        if _only_a_number(cells, columns):
            ignored.append(number)
            continue
        values = {key: cells[n] if n < len(cells) else "" for key, n in columns.items()}
        data.append((number, {**dict.fromkeys(headers, ""), **values}))
        if len(data) > MAX_ROWS:
            raise SheetError(_("Tệp có quá %(max)s dòng; hãy chia nhỏ.") % {"max": MAX_ROWS})
    if columns is None:
        raise SheetError(header_message if lines_above else _("Tệp trống."))
    if not data:
        raise SheetError(_("Tệp chỉ có dòng tiêu đề, chưa có học viên nào."))
    return data, ignored
