"""The province's OCOP register for the demo: a sheet as the OCOP office publishes it, imported
through the real import, and about half of its subjects matched to demo sellers by an official.

The sheet has what real lists have: title lines, a two-line header under merged cells, the
pre-merger district and commune, stars and dates written several ways, numbered empty rows at
the end. Its subjects are the demo sellers with OCOP products plus producers with no account
here (so I1 reads as a province at the plan's start would, and the worklist has rows). The
file is also kept in media (``demo/danh-sach-ocop-dien-bien.xlsx``) for trying the import by hand.
"""

import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from openpyxl import Workbook

from marketplace.core.ocop import ProductGroup
from sellers.models import OcopCertificate, RegisterSubject, Seller
from sellers.register import imports
from sellers.register import services as register_services
from sellers.register.sheet import add_months

SHEET_PATH = "demo/danh-sach-ocop-dien-bien.xlsx"
GROUP_NAMES = {value: str(label) for value, label in ProductGroup.choices}
KIND_NAMES = {
    Seller.EntityType.HOUSEHOLD: "Hộ kinh doanh",
    Seller.EntityType.COOPERATIVE: "Hợp tác xã",
    Seller.EntityType.COOP_GROUP: "Tổ hợp tác",
    Seller.EntityType.ENTERPRISE: "Doanh nghiệp",
}
# Today's commune -> a pre-merger commune and district that became part of it (as
# vietnamadminunits converts them; tests/sellers/test_register_import.py checks each).
OLD_UNITS = {
    "Thanh Nưa": ("Xã Thanh Chăn", "Huyện Điện Biên"),
    "Sín Chải": ("Xã Tả Sìn Thàng", "Huyện Tủa Chùa"),
    "Sính Phình": ("Xã Tả Phìn", "Huyện Tủa Chùa"),
    "Tủa Chùa": ("Thị trấn Tủa Chùa", "Huyện Tủa Chùa"),
    "Mường Ảng": ("Xã Ẳng Nưa", "Huyện Mường Ảng"),
    "Mường Phăng": ("Xã Nà Nhạn", "Huyện Điện Biên"),
    "Mường Chà": ("Xã Pa Tần", "Huyện Nậm Pồ"),
    "Xa Dung": ("Xã Phì Nhừ", "Huyện Điện Biên Đông"),
    "Tìa Dình": ("Xã Háng Lìa", "Huyện Điện Biên Đông"),
    "Tuần Giáo": ("Xã Quài Cang", "Huyện Tuần Giáo"),
    "Na Sang": ("Xã Sa Lông", "Huyện Mường Chà"),
    "Mường Nhé": ("Xã Chung Chải", "Huyện Mường Nhé"),
    "Thanh An": ("Xã Noong Hẹt", "Huyện Điện Biên"),
    "Núa Ngam": ("Xã Hẹ Muông", "Huyện Điện Biên"),
    "Mường Luân": ("Xã Luân Giới", "Huyện Điện Biên Đông"),
    "Pú Nhung": ("Xã Rạng Đông", "Huyện Tuần Giáo"),
    "Quài Tở": ("Xã Tỏa Tình", "Huyện Tuần Giáo"),
    "Điện Biên Phủ": ("Phường Him Lam", "Thành phố Điện Biên Phủ"),
}
# Producers on the register with no account here: (name, type, commune, village, rep, sex, ethnic,
# [(product, group, stars)]).
H, C, E = "Hộ gia đình", "Hợp tác xã", "Doanh nghiệp"
OFFLINE_SUBJECTS = [
    (
        "Hộ ông Vàng A Chứ",
        H,
        "Sín Chải",
        "Bản Sín Chải",
        "Vàng A Chứ",
        "Nam",
        "Mông",
        [("Chè Shan Tuyết Sín Chải", "beverage", 3)],
    ),
    (
        "Hộ bà Lý Thị Sua",
        H,
        "Sín Chải",
        "Bản Cáng Chua",
        "Lý Thị Sua",
        "Nữ",
        "Mông",
        [("Mật ong bạc hà Sín Chải", "food", 3)],
    ),
    (
        "HTX Nông nghiệp Tả Sìn Thàng",
        C,
        "Sín Chải",
        "Bản Tả Sìn Thàng",
        "Giàng A Dế",
        "Nam",
        "Mông",
        [("Chè xanh Tả Sìn Thàng", "beverage", 3), ("Hồng trà Tả Sìn Thàng", "beverage", 4)],
    ),
    (
        "Hộ ông Mùa A Sình",
        H,
        "Sính Phình",
        "Bản Đề Dê Hu",
        "Mùa A Sình",
        "Nam",
        "Mông",
        [("Gạo nếp nương Sính Phình", "food", 3)],
    ),
    (
        "Hộ bà Thào Thị Mỷ",
        H,
        "Sính Phình",
        "Bản Trạm Củ",
        "Thào Thị Mỷ",
        "Nữ",
        "Mông",
        [("Khăn thổ cẩm Sính Phình", "textile", 3)],
    ),
    (
        "HTX Dệt lanh Sính Phình",
        C,
        "Sính Phình",
        "Bản Phình Hồ",
        "Sùng Thị Pằng",
        "Nữ",
        "Mông",
        [("Váy lanh Mông", "textile", 4), ("Túi lanh thêu", "souvenir", 3)],
    ),
    (
        "Hộ ông Cà Văn Lả",
        H,
        "Thanh Nưa",
        "Bản Co Mỵ",
        "Cà Văn Lả",
        "Nam",
        "Thái",
        [("Rượu men lá Co Mỵ", "beverage", 3)],
    ),
    (
        "Hộ bà Lường Thị Xuân",
        H,
        "Thanh Nưa",
        "Bản Hồng Lứu",
        "Lường Thị Xuân",
        "Nữ",
        "Thái",
        [("Cá suối nướng Hồng Lứu", "food", 3)],
    ),
    (
        "HTX Gạo Thanh Nưa",
        C,
        "Thanh Nưa",
        "Bản Noong Nhai",
        "Lò Văn Thắng",
        "Nam",
        "Thái",
        [("Gạo Séng Cù Thanh Nưa", "food", 4), ("Gạo nếp tan Thanh Nưa", "food", 3)],
    ),
    (
        "Hộ ông Lò Văn Ún",
        H,
        "Mường Phăng",
        "Bản Phăng",
        "Lò Văn Ún",
        "Nam",
        "Thái",
        [("Thịt trâu gác bếp Mường Phăng", "food", 3)],
    ),
    (
        "Hộ bà Quàng Thị Hương",
        H,
        "Mường Phăng",
        "Bản Che Căn",
        "Quàng Thị Hương",
        "Nữ",
        "Thái",
        [("Cốm Mường Phăng", "food", 3)],
    ),
    (
        "Hộ ông Lò Văn Hặc",
        H,
        "Mường Ảng",
        "Bản Hón",
        "Lò Văn Hặc",
        "Nam",
        "Thái",
        [("Cà phê hạt Mường Ảng", "beverage", 3)],
    ),
    (
        "Công ty TNHH Cà phê Ẳng Nưa",
        E,
        "Mường Ảng",
        "Bản Ẳng Nưa",
        "Nguyễn Văn Tùng",
        "Nam",
        "Kinh",
        [("Cà phê rang Ẳng Nưa", "beverage", 4), ("Cà phê phin giấy", "beverage", 3)],
    ),
    (
        "Hộ bà Lò Thị Hoa",
        H,
        "Mường Ảng",
        "Bản Xuân Món",
        "Lò Thị Hoa",
        "Nữ",
        "Khơ-mú",
        [("Măng khô Xuân Món", "food", 3)],
    ),
    (
        "Hộ ông Giàng A Lử",
        H,
        "Tủa Chùa",
        "Bản Háng Đề Dê",
        "Giàng A Lử",
        "Nam",
        "Mông",
        [("Chè cổ thụ Tủa Chùa", "beverage", 4)],
    ),
    (
        "HTX Dược liệu Tủa Chùa",
        C,
        "Tủa Chùa",
        "Bản Mường Báng",
        "Lầu Thị Dua",
        "Nữ",
        "Mông",
        [("Trà giảo cổ lam", "herbal", 3), ("Cao đương quy", "herbal", 3)],
    ),
    (
        "Hộ ông Chảo A Phủ",
        H,
        "Mường Chà",
        "Bản Pa Tần",
        "Chảo A Phủ",
        "Nam",
        "Dao",
        [("Lá tắm Dao đỏ", "herbal", 3)],
    ),
    (
        "Hộ bà Tẩn Thị Xa",
        H,
        "Mường Chà",
        "Bản Huổi Mí",
        "Tẩn Thị Xa",
        "Nữ",
        "Dao",
        [("Thêu thổ cẩm Dao", "textile", 3)],
    ),
    (
        "Hộ ông Vừ A Hồ",
        H,
        "Xa Dung",
        "Bản Phì Nhừ",
        "Vừ A Hồ",
        "Nam",
        "Mông",
        [("Gạo nương Phì Nhừ", "food", 3)],
    ),
    (
        "HTX Nông lâm Xa Dung",
        C,
        "Xa Dung",
        "Bản Xa Dung",
        "Sùng A Cở",
        "Nam",
        "Mông",
        [("Mật ong rừng Xa Dung", "food", 4), ("Tinh dầu quế", "herbal", 3)],
    ),
    (
        "Hộ bà Mùa Thị Sú",
        H,
        "Tìa Dình",
        "Bản Háng Lìa",
        "Mùa Thị Sú",
        "Nữ",
        "Mông",
        [("Bí xanh Tìa Dình", "food", 3)],
    ),
    (
        "HTX Bí xanh Tìa Dình",
        C,
        "Tìa Dình",
        "Bản Tìa Dình",
        "Giàng A Chống",
        "Nam",
        "Mông",
        [("Bí xanh sấy Tìa Dình", "food", 3), ("Trà bí xanh", "beverage", 3)],
    ),
    (
        "Hộ ông Quàng Văn Tươi",
        H,
        "Tuần Giáo",
        "Bản Quài Cang",
        "Quàng Văn Tươi",
        "Nam",
        "Thái",
        [("Măng đắng Quài Cang", "food", 3)],
    ),
    (
        "Hộ bà Lò Thị Phương",
        H,
        "Tuần Giáo",
        "Bản Món",
        "Lò Thị Phương",
        "Nữ",
        "Thái",
        [("Khăn piêu Tuần Giáo", "textile", 4)],
    ),
    (
        "Hộ ông Lò Văn Pâng",
        H,
        "Na Sang",
        "Bản Sa Lông",
        "Lò Văn Pâng",
        "Nam",
        "Thái",
        [("Dứa Mường Chà", "food", 3)],
    ),
    (
        "Hộ bà Pờ Thị Mai",
        H,
        "Mường Nhé",
        "Bản Chung Chải",
        "Pờ Thị Mai",
        "Nữ",
        "Hà Nhì",
        [("Vải thổ cẩm Hà Nhì", "textile", 3)],
    ),
    (
        "Hộ ông Lỳ Phì Hừ",
        H,
        "Mường Nhé",
        "Bản Nậm Pô",
        "Lỳ Phì Hừ",
        "Nam",
        "Hà Nhì",
        [("Thảo quả Mường Nhé", "herbal", 3)],
    ),
    (
        "Hộ bà Lò Thị Ngọc",
        H,
        "Thanh An",
        "Bản Noong Hẹt",
        "Lò Thị Ngọc",
        "Nữ",
        "Thái",
        [("Xôi nếp cẩm", "food", 3)],
    ),
    (
        "Hộ ông Tòng Văn Dũng",
        H,
        "Núa Ngam",
        "Bản Hẹ Muông",
        "Tòng Văn Dũng",
        "Nam",
        "Thái",
        [("Gạo nếp Núa Ngam", "food", 3)],
    ),
    (
        "Tổ hợp tác Du lịch bản Mển",
        "Tổ hợp tác",
        "Thanh Nưa",
        "Bản Mển",
        "Lò Văn Ngoan",
        "Nam",
        "Thái",
        [("Du lịch cộng đồng bản Mển", "tourism", 3)],
    ),
]
STAR_STYLES = ("{n} sao", "{n}*", "{stars}", "{n}")


def _old_place(commune):
    return OLD_UNITS.get(commune, (commune, ""))


def sheet_rows(seeder, rng):
    """The sheet's data rows, from the demo sellers' approved certificates and the offline list."""
    rows = []
    certificates = (
        OcopCertificate.objects.filter(seller__in=list(seeder.sellers.values()), approved=True)
        .select_related("seller__commune", "seller__rep_ethnic_group")
        .order_by("seller__commune__name", "seller__name", "product_name")
    )
    for cert in certificates:
        seller = cert.seller
        old_commune, district = _old_place(seller.commune.name)
        rows.append(
            dict(
                product=cert.product_name,
                group=GROUP_NAMES[cert.product_group],
                subject=seller.name,
                kind=KIND_NAMES[seller.entity_type],
                village=seller.address,
                commune=old_commune,
                district=district,
                rep=seller.rep_name,
                sex={"M": "Nam", "F": "Nữ"}.get(seller.rep_sex, ""),
                ethnic=seller.rep_ethnic_group.name if seller.rep_ethnic_group else "",
                phone=seller.phone if seller.entity_type == Seller.EntityType.HOUSEHOLD else "",
                tax=seller.business_registration_no,
                stars=cert.stars,
                score=60 + 10 * (cert.stars - 3) + rng.randint(0, 9),
                decision=cert.decision_number,
                decided=cert.issued_on,
            )
        )
    for name, kind, commune, village, rep, sex, ethnic, products in OFFLINE_SUBJECTS:
        old_commune, district = _old_place(commune)
        phone = (
            f"0{rng.choice([32, 33, 34, 35, 36, 37, 38, 39, 86, 96, 97, 98])}{rng.randint(0, 9_999_999):07d}"
        )
        tax = f"5600{rng.randint(100_000, 999_999)}" if kind in (C, E) else ""
        for product, group, stars in products:
            decided = add_months(seeder.today, -rng.randint(2, 44)) - timedelta(days=rng.randint(0, 20))
            rows.append(
                dict(
                    product=product,
                    group=GROUP_NAMES[group],
                    subject=name,
                    kind=kind,
                    village=village,
                    commune=old_commune,
                    district=district,
                    rep=rep,
                    sex=sex,
                    ethnic=ethnic,
                    phone=phone if kind == H else "",
                    tax=tax,
                    stars=stars,
                    score=60 + 10 * (stars - 3) + rng.randint(0, 9),
                    decision=f"{rng.randint(150, 2999)}/QĐ-UBND",
                    decided=decided,
                )
            )
    return rows


def build_sheet(rows, rng) -> bytes:
    """An .xlsx laid out as the province publishes it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN"])
    sheet.append(["DANH SÁCH SẢN PHẨM OCOP TỈNH ĐIỆN BIÊN ĐƯỢC CÔNG NHẬN (cập nhật)"])
    sheet.append(["(Kèm theo Báo cáo của Văn phòng Điều phối Chương trình Nông thôn mới tỉnh)"])
    sheet.append([])
    top = [
        "TT",
        "Tên sản phẩm",
        "Nhóm sản phẩm",
        "Chủ thể",
        "Loại hình",
        "Địa chỉ",
        None,
        None,
        "Người đại diện",
        "Giới tính",
        "Dân tộc",
        "Điện thoại",
        "Mã số thuế",
        "Hạng sao",
        "Điểm",
        "Quyết định công nhận",
        None,
    ]
    sheet.append(top)
    sheet.append(
        [
            None,
            None,
            None,
            None,
            None,
            "Thôn/bản",
            "Xã",
            "Huyện",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "Số",
            "Ngày",
        ]
    )
    sheet.merge_cells(start_row=5, start_column=6, end_row=5, end_column=8)
    sheet.merge_cells(start_row=5, start_column=16, end_row=5, end_column=17)
    for n, row in enumerate(rows, start=1):
        style = STAR_STYLES[n % len(STAR_STYLES)]
        stars = style.format(n=row["stars"], stars="★" * row["stars"])
        decided = row["decided"] if n % 3 else row["decided"].strftime("%d/%m/%Y")  # dates both ways
        sheet.append(
            [
                n,
                row["product"],
                row["group"],
                row["subject"],
                row["kind"],
                row["village"],
                row["commune"],
                row["district"],
                row["rep"],
                row["sex"],
                row["ethnic"],
                row["phone"],
                row["tax"],
                stars,
                row["score"],
                row["decision"],
                decided,
            ]
        )
    for n in range(len(rows) + 1, len(rows) + 4):  # numbered further than it was filled in
        sheet.append([n])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ensure_register(seeder):
    """Import the sheet (preview, then the import itself) and match about half the subjects."""
    rng = random.Random(f"{seeder.seed}:register")
    content = build_sheet(sheet_rows(seeder, rng), rng)
    if default_storage.exists(SHEET_PATH):
        default_storage.delete(SHEET_PATH)
    default_storage.save(SHEET_PATH, ContentFile(content))
    province = seeder.users["province"]
    job = register_services.preview_sheet(
        filename="danh-sach-ocop-dien-bien.xlsx", content=content, official=province
    )
    if job.errors:
        raise RuntimeError(f"the demo register sheet was refused: {job.errors[:5]}")
    register_services.start_import(job, official=province)
    imports.run_import(job.pk)  # the worker's work, done here: seed_demo runs without one
    _match(seeder, province)
    seeder.tick()


def _match(seeder, province):
    """Subjects that are demo sellers get matched, except a few left as suggestions for officials."""
    by_name = {s.name: s for s in seeder.sellers.values()}
    demo_commune = seeder.users["commune"].official_profile.commune_id
    left_for_officials = 0
    for subject in RegisterSubject.objects.filter(seller__isnull=True).order_by("pk"):
        seller = by_name.get(subject.name)
        if seller is None or RegisterSubject.objects.filter(seller=seller).exists():
            continue
        if (
            seller.commune_id == demo_commune
            and left_for_officials < 2
            and seller.slug != seeder.plan.sellers[0][0]
        ):
            left_for_officials += 1  # the commune official's "gợi ý ghép" has rows
            continue
        register_services.confirm_match(subject, seller, official=province)
