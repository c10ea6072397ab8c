"""Reading the spreadsheets officials keep (Excel .xlsx or CSV) into numbered rows of columns.

Row numbers are the ones the official sees in the spreadsheet, so an error message can say
"dòng 7". Sheets are read as provinces and communes publish them: title and date lines above
the header are skipped; a header may span two lines under merged cells ("Quyết định" over
"Số" and "Ngày" reads as "quyet dinh so", "quyet dinh ngay"); rows that carry nothing but
their number (a list numbered further than it was filled in) are ignored and reported.
"""

import csv
import io
import re
import unicodedata

from django.utils.translation import gettext as _

from .text import fold

MAX_ROWS = 20_000
HEADER_WITHIN = 15  # non-empty lines above the header row (titles, date, unit) we look past


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
    # The separator used most in the first lines (a title line above the table has none).
    sample = text[:8192]
    delimiter = max(",;\t", key=sample.count)
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def raw_rows(filename, content):
    """The file's rows as lists of cell values (dates stay dates in Excel)."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _rows_of_xlsx(content)
    if name.endswith(".csv"):
        return _rows_of_csv(content)
    raise SheetError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV."))


def _is_header(cells, headers, required, has_enough):
    columns = {}
    for n, text in enumerate(cells):
        key = _header_key(text, headers)
        if key and key not in columns:
            columns[key] = n
    return columns if required <= set(columns) and has_enough(set(columns)) else None


def _sub_header(cells, header_cells, headers, columns):
    """Columns named by a second header line under merged cells, or None if ``cells`` is data.

    A merged cell's text stands only in its first column, so each sub-header cell is read
    with the nearest header text to its left ("Quyết định" + "Ngày").
    """
    found, parent = {}, ""
    for n, text in enumerate(cells):
        if n < len(header_cells) and header_cells[n]:
            parent = header_cells[n]
        if not text:
            continue
        key = _header_key(f"{parent} {text}", headers) or _header_key(text, headers)
        if key is None:
            return None
        found[key] = n
    if not found:
        return None
    kept = {key: n for key, n in columns.items() if n not in found.values()}
    return {**kept, **found}


def _only_a_number(cells, columns):
    """A row whose only content is a row number ("7", in the "TT" column or before the data)."""
    filled = [n for n, text in enumerate(cells) if text]
    data_columns = {n for key, n in columns.items() if key != "tt"}
    return len(filled) == 1 and filled[0] not in data_columns and re.fullmatch(r"\d+\.?", cells[filled[0]])


def read_table(filename, content, headers, has_enough, header_message, *, required=("name",), raw=False):
    """([(row number, {column: value})], [ignored row numbers]) of the rows under the header row.

    The header is the first of the first lines that names the ``required`` columns and those
    ``has_enough(columns)`` asks for. Values are text, or the cell's own value with ``raw``
    (an Excel date stays a date).
    """
    required = set(required)
    columns = header_cells = None
    data, ignored, lines_above, after_header = [], [], 0, False
    for number, row in enumerate(raw_rows(filename, content), start=1):
        row = list(row)
        cells = [cell_text(value) for value in row]
        if not any(cells):
            continue
        if columns is None:
            columns = _is_header(cells, headers, required, has_enough)
            header_cells, after_header = cells, True
            lines_above += columns is None
            if lines_above > HEADER_WITHIN:
                raise SheetError(header_message)
            continue
        if after_header:
            after_header = False
            merged = _sub_header(cells, header_cells, headers, columns)
            if merged is not None:
                columns = merged
                continue
        if _only_a_number(cells, columns):
            ignored.append(number)
            continue
        source = row if raw else cells
        values = {key: source[n] if n < len(source) else "" for key, n in columns.items()}
        data.append((number, {**dict.fromkeys(headers, ""), **values}))
        if len(data) > MAX_ROWS:
            raise SheetError(_("Tệp có quá %(max)s dòng; hãy chia nhỏ.") % {"max": MAX_ROWS})
    if columns is None:
        raise SheetError(header_message if lines_above else _("Tệp trống."))
    if not data:
        raise SheetError(_("Tệp chỉ có dòng tiêu đề, chưa có dòng nào."))
    return data, ignored
