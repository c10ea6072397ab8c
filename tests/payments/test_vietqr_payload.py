"""The VietQR payload: exactly the NAPAS/EMVCo tags, a valid CRC, and a QR a reader decodes back."""

import subprocess

from payments import vietqr

PAYLOAD_ARGS = {
    "bank_bin": "970436",
    "account_number": "0011001234567",
    "amount": 150000,
    "reference": "DBK7QM2X9P",
}


def tlv(data: str) -> list[tuple[str, str]]:
    """Split an EMVCo string into (tag, value) pairs, in order."""
    fields, i = [], 0
    while i < len(data):
        tag, length = data[i : i + 2], int(data[i + 2 : i + 4])
        fields.append((tag, data[i + 4 : i + 4 + length]))
        i += 4 + length
    return fields


def crc16_ccitt_false(data: str) -> str:
    """Written here from the definition (poly 0x1021, init 0xFFFF), not taken from the library."""
    crc = 0xFFFF
    for byte in data.encode():
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def test_payload_has_exactly_the_napas_tags_and_a_valid_crc():
    payload = vietqr.payload(**PAYLOAD_ARGS)
    fields = tlv(payload)
    assert [tag for tag, _ in fields] == ["00", "01", "38", "53", "54", "58", "62", "63"]
    values = dict(fields)
    assert values["00"] == "01" and values["01"] == "12"  # dynamic QR: it carries an amount
    assert tlv(values["38"]) == [
        ("00", "A000000727"),
        ("01", "0006970436" + "0113" + "0011001234567"),
        ("02", "QRIBFTTA"),
    ]
    assert dict(tlv(dict(tlv(values["38"]))["01"])) == {"00": "970436", "01": "0011001234567"}
    assert values["53"] == "704" and values["54"] == "150000" and values["58"] == "VN"
    assert tlv(values["62"]) == [("08", "DBK7QM2X9P")]
    assert payload[-8:-4] == "6304" and values["63"] == crc16_ccitt_false(payload[:-4])


def test_payload_parses_back_with_the_library():
    parsed = vietqr.parse(vietqr.payload(**PAYLOAD_ARGS))
    assert parsed.is_valid
    assert parsed.provider.guid == "A000000727" and parsed.provider.service == "QRIBFTTA"
    assert (parsed.consumer.bank_bin, parsed.consumer.bank_number) == ("970436", "0011001234567")
    assert (parsed.amount, parsed.currency, parsed.nation) == ("150000", "704", "VN")
    assert parsed.additional_data.purpose == "DBK7QM2X9P"
    # One changed character breaks the CRC.
    tampered = vietqr.payload(**PAYLOAD_ARGS).replace("150000", "150001")
    assert not vietqr.parse(tampered).is_valid


def test_references_are_short_accent_free_and_found_in_rewritten_bank_content():
    reference = vietqr.new_reference("DB")
    assert len(reference) == 10 and reference.isascii() and reference.isalnum() and reference.isupper()
    content = f"MBVCB.3278.{reference[:5].lower()} {reference[5:]}-chuyen tien don hang.CT tu 0011"
    assert reference in vietqr.references_in(content)
    assert vietqr.references_in("chuyen tien an trua") == []


def test_inline_svg_drawn_by_chromium_decodes_to_the_payload(browser, tmp_path):
    """The SVG the page shows, rasterised by a real browser, read back by zbar's QR reader."""
    payload = vietqr.payload(**PAYLOAD_ARGS)
    page = browser.new_page(viewport={"width": 360, "height": 360})
    page.set_content(
        f"<body style='margin:0;background:#fff'><div style='width:240px'>{vietqr.svg(payload)}</div>"
    )
    shot = tmp_path / "qr.png"
    page.locator("svg").screenshot(path=str(shot))
    page.close()
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(shot)], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == payload


def test_download_png_decodes_to_the_payload(tmp_path):
    import base64

    payload = vietqr.payload(**PAYLOAD_ARGS)
    png = tmp_path / "qr.png"
    png.write_bytes(base64.b64decode(vietqr.png_data_uri(payload).split(",", 1)[1]))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, check=True)
    assert decoded.stdout.strip() == payload
