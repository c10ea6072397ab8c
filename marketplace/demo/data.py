"""Data tables for the demo: Điện Biên sellers, their OCOP product lines, logins, pages.

Keys (seller slugs, product-line keys, order numbers) are what make `seed_demo` idempotent:
append new rows at the end rather than reordering, so existing demo data keeps its keys.
"""

DEMO_PASSWORD = "ocop-demo-2026"
SITE_URL = "http://127.0.0.1:8000"

# Logins: (role key, email, first name, last name, what they can try).
LOGINS = [
    ("buyer", "buyer@ocop.test", "Minh", "Nguyễn Hoàng", "người mua: giỏ hàng, đặt hàng, theo dõi đơn"),
    ("seller", "seller@ocop.test", "Mai", "Lò Thị", "người bán (hộ bà Lò Thị Mai): sản phẩm, đơn hàng"),
    ("commune", "commune@ocop.test", "Hặc", "Lò Văn", "cán bộ xã Thanh Nưa: xác minh người bán"),
    ("province", "province@ocop.test", "Thu", "Phạm Thị", "cán bộ tỉnh: chỉ tiêu, duyệt số liệu, báo cáo"),
    ("statistics", "thongke@ocop.test", "Hà", "Nguyễn Thu", "cán bộ tỉnh thứ hai: nộp hộ số liệu của xã"),
    ("operator", "operator@ocop.test", "Quản", "Trị", "vận hành sàn: /dashboard/ và /cms/"),
    ("village_head", "truongban@ocop.test", "Páo", "Giàng A", "trưởng bản Sín Chải: học, giấy chứng nhận"),
]
DEMO_SELLER_SLUG = "ho-ba-lo-thi-mai"

# Product groups (marketplace.core.ocop.ProductGroup values) → image colours (background, accent).
GROUP_COLOURS = {
    "food": ((196, 120, 44), (250, 226, 170)),
    "beverage": ((46, 110, 72), (206, 236, 190)),
    "herbal": ((94, 120, 40), (230, 240, 180)),
    "textile": ((150, 40, 60), (250, 200, 90)),
    "souvenir": ((112, 76, 48), (236, 210, 170)),
    "tourism": ((36, 96, 140), (200, 230, 250)),
}

# OCOP product lines: key → group, title ("{xa}" = the seller's commune), short name for the
# picture, description, suggested star rating, and variants (label, price in đồng, grams).
PRODUCT_LINES = {
    "gao_seng_cu": dict(
        group="food",
        title="Gạo Séng Cù Điện Biên",
        short="Gạo Séng Cù",
        stars=4,
        description=(
            "Gạo Séng Cù trồng trên cánh đồng Mường Thanh, hạt dài, trong, cơm dẻo và thơm nhẹ. "
            "Thu hoạch một vụ mỗi năm, xay mới theo đơn đặt hàng."
        ),
        variants=[("túi 2 kg", 78_000, 2000), ("túi 5 kg", 185_000, 5000), ("bao 10 kg", 350_000, 10000)],
    ),
    "gao_tam_thom": dict(
        group="food",
        title="Gạo tám thơm Điện Biên",
        short="Gạo tám thơm",
        stars=3,
        description=(
            "Gạo tám thơm cánh đồng Mường Thanh, hạt nhỏ, cơm mềm, thơm mùi cốm. "
            "Canh tác theo quy trình VietGAP của hợp tác xã."
        ),
        variants=[("túi 2 kg", 70_000, 2000), ("túi 5 kg", 165_000, 5000)],
    ),
    "gao_nep_nuong": dict(
        group="food",
        title="Gạo nếp nương {xa}",
        short="Nếp nương",
        stars=3,
        description=(
            "Nếp nương của đồng bào H'Mông, trồng trên nương cao không dùng phân bón hoá học. "
            "Đồ xôi dẻo, thơm, để nguội vẫn mềm."
        ),
        variants=[("túi 2 kg", 90_000, 2000), ("túi 5 kg", 215_000, 5000)],
    ),
    "gao_nep_cam": dict(
        group="food",
        title="Gạo nếp cẩm Điện Biên",
        short="Nếp cẩm",
        stars=3,
        description="Nếp cẩm hạt tím đen, giàu chất xơ, dùng nấu xôi, làm sữa chua nếp cẩm hoặc ủ rượu.",
        variants=[("túi 1 kg", 55_000, 1000), ("túi 2 kg", 105_000, 2000)],
    ),
    "thit_trau_gac_bep": dict(
        group="food",
        title="Thịt trâu gác bếp {xa}",
        short="Trâu gác bếp",
        stars=4,
        description=(
            "Thịt trâu tươi tẩm mắc khén, ớt, gừng rồi hun khói trên gác bếp theo cách của người Thái. "
            "Đóng gói hút chân không, bảo quản ngăn mát."
        ),
        variants=[("gói 250 g", 290_000, 300), ("gói 500 g", 560_000, 550), ("gói 1 kg", 1_090_000, 1050)],
    ),
    "thit_lon_gac_bep": dict(
        group="food",
        title="Thịt lợn gác bếp {xa}",
        short="Lợn gác bếp",
        stars=3,
        description=(
            "Thịt lợn bản thả rông tẩm gia vị núi rừng, hun khói củi nghiến. Hấp hoặc nướng lại là ăn được."
        ),
        variants=[("gói 500 g", 380_000, 550), ("gói 1 kg", 740_000, 1050)],
    ),
    "lap_xuong": dict(
        group="food",
        title="Lạp xưởng hun khói Mường Thanh",
        short="Lạp xưởng",
        stars=3,
        description="Lạp xưởng thịt lợn bản với mắc khén, hun khói nhẹ, không chất bảo quản.",
        variants=[("gói 500 g", 210_000, 550), ("gói 1 kg", 400_000, 1050)],
    ),
    "mang_kho": dict(
        group="food",
        title="Măng khô {xa}",
        short="Măng khô",
        stars=3,
        description=(
            "Măng rừng hái đầu mùa mưa, luộc và phơi nắng tự nhiên. Ngâm mềm để xào, nấu canh "
            "hoặc hầm chân giò."
        ),
        variants=[("túi 500 g", 160_000, 550), ("túi 1 kg", 310_000, 1050)],
    ),
    "mang_chua": dict(
        group="food",
        title="Măng chua ngâm ớt",
        short="Măng chua",
        stars=None,
        description="Măng tre bản ngâm chua với ớt và tỏi theo công thức gia đình, lọ thuỷ tinh.",
        variants=[("lọ 500 g", 45_000, 800)],
    ),
    "mien_dong": dict(
        group="food",
        title="Miến dong {xa}",
        short="Miến dong",
        stars=3,
        description="Miến làm từ tinh bột củ dong riềng trồng tại địa phương, sợi dai, không tẩy trắng.",
        variants=[("gói 500 g", 48_000, 500), ("gói 1 kg", 92_000, 1000), ("thùng 5 kg", 430_000, 5000)],
    ),
    "bi_xanh": dict(
        group="food",
        title="Bí xanh Tìa Dình",
        short="Bí xanh",
        stars=4,
        description=(
            "Bí xanh trồng trên đất đồi Tìa Dình ở độ cao trên 1.000 m: quả dài, thịt dày, ngọt, "
            "để được lâu. Giao theo mùa (tháng 7 – tháng 12)."
        ),
        variants=[("quả 2–3 kg", 45_000, 2500), ("thùng 10 kg", 160_000, 10000)],
    ),
    "dua_muong_cha": dict(
        group="food",
        title="Dứa Mường Chà",
        short="Dứa Mường Chà",
        stars=3,
        description="Dứa Queen trồng trên đồi Mường Chà, quả nhỏ, mắt lồi, vị ngọt đậm, thơm.",
        variants=[("thùng 5 quả", 95_000, 5000), ("thùng 10 quả", 180_000, 10000)],
    ),
    "mac_khen": dict(
        group="food",
        title="Hạt mắc khén rừng",
        short="Mắc khén",
        stars=3,
        description="Mắc khén hái trên núi cao, phơi khô. Gia vị không thể thiếu của món nướng Tây Bắc.",
        variants=[("túi 100 g", 55_000, 120), ("túi 250 g", 125_000, 280)],
    ),
    "cham_cheo": dict(
        group="food",
        title="Chẩm chéo Thái",
        short="Chẩm chéo",
        stars=3,
        description="Chẩm chéo – nước chấm của người Thái – giã từ ớt nướng, mắc khén, tỏi, rau thơm.",
        variants=[("lọ 100 g", 35_000, 200), ("lọ 250 g", 75_000, 400)],
    ),
    "mat_ong_rung": dict(
        group="food",
        title="Mật ong rừng {xa}",
        short="Mật ong rừng",
        stars=4,
        description="Mật ong khai thác từ đàn ong nội nuôi ven rừng, lọc lạnh, không pha đường.",
        variants=[("chai 500 ml", 280_000, 800), ("chai 1 lít", 530_000, 1500)],
    ),
    "mat_ong_bac_ha": dict(
        group="food",
        title="Mật ong hoa bạc hà",
        short="Mật ong bạc hà",
        stars=3,
        description="Mật ong hoa bạc hà dại mùa đông, màu hổ phách, vị ngọt thanh, hậu the mát.",
        variants=[("chai 300 ml", 220_000, 500), ("chai 500 ml", 350_000, 800)],
    ),
    "ca_pinh_top": dict(
        group="food",
        title="Cá pỉnh tộp nướng",
        short="Pỉnh tộp",
        stars=None,
        description=(
            "Cá suối mổ lưng, nhồi sả, ớt, mắc khén, kẹp tre nướng than – món của người Thái Mường Lay."
        ),
        variants=[("gói 500 g", 260_000, 600)],
    ),
    "nam_huong": dict(
        group="food",
        title="Nấm hương rừng khô",
        short="Nấm hương",
        stars=3,
        description="Nấm hương mọc trên thân gỗ mục trong rừng, sấy khô, mũ dày, thơm.",
        variants=[("túi 200 g", 150_000, 250), ("túi 500 g", 350_000, 550)],
    ),
    "chuoi_say": dict(
        group="food",
        title="Chuối sấy dẻo Điện Biên",
        short="Chuối sấy",
        stars=3,
        description="Chuối tây chín cây sấy lạnh, dẻo, ngọt tự nhiên, không thêm đường.",
        variants=[("hộp 250 g", 48_000, 300), ("hộp 500 g", 90_000, 550)],
    ),
    "che_shan_tuyet": dict(
        group="beverage",
        title="Chè Shan Tuyết cổ thụ Tủa Chùa",
        short="Chè Shan Tuyết",
        stars=4,
        description=(
            "Búp chè hái từ những cây chè Shan Tuyết trăm năm tuổi trên cao nguyên Tủa Chùa, sao tay "
            "trên chảo gang. Nước xanh vàng, vị chát dịu, hậu ngọt sâu."
        ),
        variants=[("túi 100 g", 125_000, 150), ("hộp 200 g", 240_000, 300), ("hộp 500 g", 560_000, 650)],
    ),
    "hong_tra_shan_tuyet": dict(
        group="beverage",
        title="Hồng trà Shan Tuyết {xa}",
        short="Hồng trà",
        stars=3,
        description="Hồng trà lên men từ búp chè Shan Tuyết cổ thụ, nước đỏ hổ phách, thơm mật ong.",
        variants=[("hộp 100 g", 180_000, 200), ("hộp 250 g", 420_000, 350)],
    ),
    "ca_phe_rang_xay": dict(
        group="beverage",
        title="Cà phê Arabica Mường Ảng rang xay",
        short="Cà phê Mường Ảng",
        stars=4,
        description=(
            "Cà phê Arabica trồng dưới tán rừng Mường Ảng, chỉ hái quả chín, sơ chế ướt, "
            "rang mộc vừa. Hương trái cây, vị chua thanh."
        ),
        variants=[("túi 250 g", 95_000, 280), ("túi 500 g", 180_000, 550), ("túi 1 kg", 340_000, 1050)],
    ),
    "ca_phe_hat": dict(
        group="beverage",
        title="Cà phê hạt rang Mường Ảng",
        short="Cà phê hạt",
        stars=3,
        description="Hạt Arabica Mường Ảng rang mộc, đóng túi van một chiều, xay tại nhà để giữ hương.",
        variants=[("túi 500 g", 190_000, 550), ("túi 1 kg", 360_000, 1050)],
    ),
    "ruou_men_la": dict(
        group="beverage",
        title="Rượu men lá {xa}",
        short="Rượu men lá",
        stars=3,
        description=(
            "Rượu nấu từ gạo nếp nương ủ men lá rừng, chưng cất thủ công. Sản phẩm dành cho "
            "người trên 18 tuổi."
        ),
        variants=[("chai 500 ml", 90_000, 900), ("can 2 lít", 320_000, 2300)],
    ),
    "ruou_tao_meo": dict(
        group="beverage",
        title="Rượu táo mèo Tủa Chùa",
        short="Rượu táo mèo",
        stars=3,
        description=(
            "Táo mèo rừng ngâm rượu nếp, màu hổ phách, vị chua chát nhẹ. Dành cho người trên 18 tuổi."
        ),
        variants=[("chai 500 ml", 120_000, 900)],
    ),
    "sam_day": dict(
        group="herbal",
        title="Sâm dây Điện Biên khô",
        short="Sâm dây",
        stars=4,
        description=(
            "Sâm dây (đảng sâm) trồng dưới tán rừng vùng cao, rửa sạch, thái lát, sấy khô. Dùng hầm, pha trà."
        ),
        variants=[("túi 200 g", 220_000, 250), ("túi 500 g", 520_000, 550)],
    ),
    "giao_co_lam": dict(
        group="herbal",
        title="Trà giảo cổ lam",
        short="Giảo cổ lam",
        stars=3,
        description="Giảo cổ lam năm lá hái tự nhiên, sao khô, pha trà uống hằng ngày.",
        variants=[("túi 200 g", 85_000, 250), ("hộp 25 túi lọc", 65_000, 120)],
    ),
    "tam_that": dict(
        group="herbal",
        title="Củ tam thất bắc",
        short="Tam thất",
        stars=3,
        description="Củ tam thất trồng trên 3 năm ở vùng núi cao, phơi khô nguyên củ.",
        variants=[("túi 100 g", 320_000, 150), ("túi 250 g", 760_000, 300)],
    ),
    "la_tam_dao": dict(
        group="herbal",
        title="Lá tắm người Dao {xa}",
        short="Lá tắm Dao",
        stars=3,
        description=(
            "Hơn 20 loại lá rừng theo bài thuốc của người Dao, sấy khô. Dùng tắm thư giãn, "
            "cho phụ nữ sau sinh."
        ),
        variants=[("gói 10 lần tắm", 120_000, 500), ("túi 1 kg", 210_000, 1050)],
    ),
    "dau_goi_bo_ket": dict(
        group="herbal",
        title="Dầu gội bồ kết thảo dược",
        short="Dầu gội bồ kết",
        stars=None,
        description="Nước gội nấu từ bồ kết, vỏ bưởi, hương nhu, sả – không chất tạo bọt.",
        variants=[("chai 300 ml", 75_000, 380)],
    ),
    "khan_pieu": dict(
        group="textile",
        title="Khăn piêu Thái",
        short="Khăn piêu",
        stars=3,
        description=(
            "Khăn piêu dệt và thêu tay bởi phụ nữ Thái, hoa văn cút piêu ở hai đầu khăn. "
            "Mỗi chiếc mất 2–3 tuần để hoàn thành."
        ),
        variants=[("chiếc", 350_000, 150), ("chiếc thêu kín", 650_000, 180)],
    ),
    "tui_tho_cam": dict(
        group="textile",
        title="Túi thổ cẩm Thái",
        short="Túi thổ cẩm",
        stars=3,
        description="Túi đeo vai may từ vải thổ cẩm dệt tay, lót vải bông, có khoá kéo.",
        variants=[("cỡ nhỏ", 160_000, 200), ("cỡ lớn", 280_000, 350)],
    ),
    "ao_com": dict(
        group="textile",
        title="Áo cóm Thái",
        short="Áo cóm",
        stars=None,
        description="Áo cóm may đo của phụ nữ Thái, hàng cúc bạc hình bướm. Ghi số đo khi đặt hàng.",
        variants=[("áo", 450_000, 250)],
    ),
    "vai_lanh": dict(
        group="textile",
        title="Vải lanh H'Mông nhuộm chàm",
        short="Vải lanh",
        stars=3,
        description="Vải lanh dệt tay, vẽ sáp ong và nhuộm chàm theo cách của người H'Mông.",
        variants=[("tấm 2 m", 480_000, 400), ("tấm 5 m", 1_150_000, 950)],
    ),
    "vay_hmong": dict(
        group="textile",
        title="Váy xoè H'Mông thêu tay",
        short="Váy H'Mông",
        stars=3,
        description="Váy xếp ly bằng vải lanh, thêu và ghép vải nhiều màu, làm hoàn toàn thủ công.",
        variants=[("váy", 1_500_000, 900)],
    ),
    "khan_dao": dict(
        group="textile",
        title="Khăn thêu người Dao",
        short="Khăn thêu Dao",
        stars=3,
        description="Khăn đội đầu thêu chỉ đỏ hoa văn truyền thống của người Dao.",
        variants=[("chiếc", 260_000, 150)],
    ),
    "vi_tho_cam": dict(
        group="textile",
        title="Ví thổ cẩm {xa}",
        short="Ví thổ cẩm",
        stars=None,
        description="Ví cầm tay nhỏ gọn may từ phần vải thổ cẩm, món quà nhỏ xinh.",
        variants=[("chiếc", 70_000, 80)],
    ),
    "ep_khau": dict(
        group="souvenir",
        title="Ép khẩu mây tre đan",
        short="Ép khẩu",
        stars=3,
        description="Ép khẩu – giỏ đựng xôi của người Thái – đan từ mây và giang, giữ xôi dẻo cả ngày.",
        variants=[("cỡ nhỏ", 85_000, 300), ("cỡ lớn", 140_000, 500)],
    ),
    "gio_may_tre": dict(
        group="souvenir",
        title="Giỏ mây tre đan Khơ Mú",
        short="Giỏ mây tre",
        stars=3,
        description="Giỏ đan nan mây của người Khơ Mú, bền chắc, dùng đựng đồ hoặc trang trí.",
        variants=[("cỡ nhỏ", 120_000, 400), ("cỡ vừa", 190_000, 700), ("bộ 3 chiếc", 420_000, 1500)],
    ),
    "goi_tho_cam": dict(
        group="souvenir",
        title="Vỏ gối thổ cẩm",
        short="Gối thổ cẩm",
        stars=None,
        description="Vỏ gối tựa 45 × 45 cm may từ thổ cẩm dệt tay, trang trí phòng khách.",
        variants=[("chiếc", 190_000, 250)],
    ),
    "mo_hinh_xe_dap_tho": dict(
        group="souvenir",
        title="Mô hình xe đạp thồ Điện Biên Phủ",
        short="Xe đạp thồ",
        stars=3,
        description="Mô hình xe đạp thồ tiếp lương ra mặt trận bằng gỗ và tre, làm thủ công, kèm đế gỗ.",
        variants=[("cỡ 20 cm", 180_000, 500), ("cỡ 35 cm", 320_000, 900)],
    ),
    "tranh_theu": dict(
        group="souvenir",
        title="Tranh thêu thổ cẩm",
        short="Tranh thêu",
        stars=None,
        description="Tranh thêu tay hoa văn dân tộc, đóng khung gỗ, 30 × 40 cm.",
        variants=[("khung 30 × 40 cm", 550_000, 1200)],
    ),
    "homestay_ban_men": dict(
        group="tourism",
        title="Homestay nhà sàn Thái bản Mển",
        short="Homestay bản Mển",
        stars=3,
        description=(
            "Nghỉ nhà sàn Thái giữa cánh đồng Mường Thanh, ăn cơm lam, cá nướng, xem xoè Thái. "
            "Giá theo người, gồm bữa tối và bữa sáng."
        ),
        variants=[("1 đêm / người", 350_000, 0), ("2 đêm / người", 650_000, 0)],
    ),
    "tour_che_can": dict(
        group="tourism",
        title="Du lịch cộng đồng bản Che Căn – Mường Phăng",
        short="Bản Che Căn",
        stars=3,
        description=(
            "Một ngày ở bản Thái Che Căn cạnh Sở chỉ huy chiến dịch Điện Biên Phủ: đi bộ rừng Mường "
            "Phăng, học nấu món Thái, nghe kể chuyện bản."
        ),
        variants=[("1 ngày / người", 450_000, 0), ("nhóm 4 người", 1_500_000, 0)],
    ),
    "trai_nghiem_che": dict(
        group="tourism",
        title="Trải nghiệm hái và sao chè cổ thụ Tủa Chùa",
        short="Hái chè cổ thụ",
        stars=None,
        description="Nửa ngày theo người H'Mông lên đồi chè cổ thụ, hái búp và tự sao chè trên chảo gang.",
        variants=[("nửa ngày / người", 250_000, 0)],
    ),
    "homestay_him_lam": dict(
        group="tourism",
        title="Homestay bản Him Lam",
        short="Homestay Him Lam",
        stars=3,
        description="Nhà sàn gỗ trong bản Him Lam, gần các di tích Điện Biên Phủ, có xe đạp cho khách.",
        variants=[("1 đêm / phòng đôi", 550_000, 0)],
    ),
    "tam_khoang_u_va": dict(
        group="tourism",
        title="Tắm khoáng nóng U Va",
        short="Khoáng nóng U Va",
        stars=None,
        description="Vé tắm khoáng nóng tự nhiên U Va kèm ngâm chân lá thuốc người Dao.",
        variants=[("vé / người", 120_000, 0)],
    ),
}

# Sellers: slug, name, entity type, commune, village/address, representative (name, sex,
# ethnic group code, birth year), status, product lines, extra flags.
# Ethnic codes: 01 Kinh, 03 Thái, 08 H'Mông, 09 Dao, 29 Khơ-mú, 35 Hà Nhì, 37 Lào, 48 Cống.
H, C, G, E = "household", "cooperative", "coop_group", "enterprise"
V, S, R, D, X = "verified", "submitted", "changes_requested", "draft", "rejected"

# fmt: off
SELLERS = [
    # slug, name, type, commune, address, rep, sex, ethnic, born, status, lines
    (DEMO_SELLER_SLUG, "Hộ bà Lò Thị Mai", H, "Thanh Nưa", "Bản Mển", "Lò Thị Mai", "F", "03", 1978, V,
     ["homestay_ban_men", "cham_cheo", "khan_pieu", "tui_tho_cam"]),
    ("ho-ong-giang-a-pao", "Hộ ông Giàng A Páo", H, "Sín Chải", "Bản Háng Đề Dê", "Giàng A Páo", "M", "08",
     1975, V, ["che_shan_tuyet", "trai_nghiem_che", "hong_tra_shan_tuyet"]),
    ("ho-ba-sung-thi-do", "Hộ bà Sùng Thị Dợ", H, "Sính Phình", "Bản Trạm Củ", "Sùng Thị Dợ", "F", "08",
     1986, V, ["vai_lanh", "gao_nep_nuong", "vay_hmong"]),
    ("ho-ong-quang-van-hai", "Hộ ông Quàng Văn Hải", H, "Mường Ảng", "Bản Xuân Món", "Quàng Văn Hải", "M",
     "03", 1970, V, ["ca_phe_rang_xay", "ca_phe_hat"]),
    ("ho-ba-tong-thi-ban", "Hộ bà Tòng Thị Ban", H, "Mường Phăng", "Bản Kéo", "Tòng Thị Ban", "F", "03",
     1982, V, ["ruou_men_la", "thit_trau_gac_bep"]),
    ("ho-ong-trieu-van-phin", "Hộ ông Triệu Văn Phin", H, "Mường Chà", "Bản Huổi Mí", "Triệu Văn Phin", "M",
     "09", 1968, V, ["la_tam_dao"]),
    ("ho-ba-trieu-thi-may", "Hộ bà Triệu Thị Mẩy", H, "Xa Dung", "Bản Phình Cứ", "Triệu Thị Mẩy", "F", "09",
     1990, V, ["la_tam_dao", "dau_goi_bo_ket", "khan_dao"]),
    ("ho-ba-ly-thi-nhu", "Hộ bà Lỳ Thị Nhù", H, "Sín Thầu", "Bản A Pa Chải", "Lỳ Thị Nhù", "F", "35", 1988,
     V, ["vi_tho_cam", "gao_nep_nuong"]),
    ("ho-ong-po-xe-pha", "Hộ ông Pờ Xé Phà", H, "Sín Thầu", "Bản Tá Miếu", "Pờ Xé Phà", "M", "35", 1979, S,
     ["mat_ong_rung"]),
    ("ho-ba-lo-thi-bun", "Hộ bà Lò Thị Bun", H, "Thanh Yên", "Bản Na Ngum", "Lò Thị Bun", "F", "37", 1984,
     V, ["khan_pieu", "tui_tho_cam"]),
    ("ho-ong-lo-van-pho", "Hộ ông Lò Văn Phớ", H, "Mường Mùn", "Bản Co Sản", "Lò Văn Phớ", "M", "29", 1965,
     V, ["gio_may_tre"]),
    ("ho-ba-quang-thi-pom", "Hộ bà Quàng Thị Pọm", H, "Quài Tở", "Bản Hỏm", "Quàng Thị Pọm", "F", "29",
     1992, R, ["ep_khau"]),
    ("ho-ong-nguyen-van-hung", "Hộ ông Nguyễn Văn Hùng", H, "Điện Biên Phủ", "Tổ dân phố 5",
     "Nguyễn Văn Hùng", "M", "01", 1974, V, ["thit_lon_gac_bep", "lap_xuong"]),
    ("ho-ba-tran-thi-thu-ha", "Hộ bà Trần Thị Thu Hà", H, "Mường Thanh", "Tổ dân phố 12", "Trần Thị Thu Hà",
     "F", "01", 1981, V, ["chuoi_say", "mac_khen"]),
    ("ho-ong-thao-a-su", "Hộ ông Thào A Sử", H, "Tủa Thàng", "Bản Pàng Dề", "Thào A Sử", "M", "08", 1993, D,
     ["mang_kho"]),
    ("ho-ba-vang-thi-chu", "Hộ bà Vàng Thị Chu", H, "Pu Nhi", "Bản Pa Có", "Vàng Thị Chu", "F", "08", 1987,
     V, ["vay_hmong", "vi_tho_cam"]),
    ("ho-ong-vu-a-de", "Hộ ông Vừ A Dê", H, "Nà Bủng", "Bản Nậm Pồ", "Vừ A Dê", "M", "08", 1980, X,
     ["mang_kho"]),
    ("ho-ba-lu-thi-xieng", "Hộ bà Lù Thị Xiêng", H, "Mường Lay", "Bản Na Nát", "Lù Thị Xiêng", "F", "03",
     1976, V, ["ca_pinh_top", "mang_chua"]),
    ("ho-ong-cu-a-cho", "Hộ ông Cứ A Chơ", H, "Mường Nhé", "Bản Huổi Lếch", "Cứ A Chơ", "M", "08", 1985, S,
     ["sam_day"]),
    ("ho-ong-lo-van-sim", "Hộ ông Lò Văn Sim", H, "Nà Bủng", "Bản Nà Bủng", "Lò Văn Sim", "M", "48", 1972,
     V, ["mang_kho", "nam_huong"]),
    ("ho-ba-lo-thi-ngoan", "Hộ bà Lò Thị Ngoan", H, "Thanh Nưa", "Bản Mển", "Lò Thị Ngoan", "F", "03", 1995,
     S, ["cham_cheo"]),
    ("htx-nong-nghiep-thanh-xuong", "HTX Nông nghiệp Thanh Xương", C, "Thanh Yên", "Đội 9",
     "Lường Văn Thanh", "M", "03", 1969, V, ["gao_seng_cu", "gao_tam_thom"]),
    ("htx-che-shan-tuyet-tua-chua", "HTX Chè Shan Tuyết Tủa Chùa", C, "Tủa Chùa", "Bản Sín Chải",
     "Mùa A Chứ", "M", "08", 1977, V,
     ["che_shan_tuyet", "hong_tra_shan_tuyet", "ruou_tao_meo", "trai_nghiem_che"]),
    ("htx-ca-phe-muong-ang", "HTX Cà phê Mường Ảng", C, "Mường Ảng", "Bản Bua", "Lò Thị Hương", "F", "03",
     1983, V, ["ca_phe_rang_xay", "ca_phe_hat"]),
    ("htx-bi-xanh-tia-dinh", "HTX Bí xanh Tìa Dình", C, "Tìa Dình", "Bản Tìa Dình", "Sùng A Lử", "M", "08",
     1980, V, ["bi_xanh", "gao_nep_nuong", "mang_kho"]),
    ("htx-dua-muong-cha", "HTX Dứa Mường Chà", C, "Mường Chà", "Bản Na Pheo", "Lò Văn Khánh", "M", "03",
     1973, V, ["dua_muong_cha"]),
    ("htx-dich-vu-nong-nghiep-sam-mun", "HTX Dịch vụ nông nghiệp Sam Mứn", C, "Sam Mứn", "Bản Pe Nọi",
     "Cà Văn Thưởng", "M", "03", 1971, V, ["gao_seng_cu", "gao_nep_cam", "gao_tam_thom"]),
    ("htx-mien-dong-quai-to", "HTX Miến dong Quài Tở", C, "Quài Tở", "Bản Món", "Quàng Thị Lả", "F", "03",
     1979, V, ["mien_dong"]),
    ("htx-mat-ong-muong-nhe", "HTX Mật ong Mường Nhé", C, "Mường Nhé", "Bản Nậm San", "Giàng A Dính", "M",
     "08", 1984, V, ["mat_ong_rung", "mat_ong_bac_ha", "nam_huong"]),
    ("htx-duoc-lieu-si-pa-phin", "HTX Dược liệu Si Pa Phìn", C, "Si Pa Phìn", "Bản Phiêng Ngúa",
     "Mùa Thị Sua", "F", "08", 1989, V, ["sam_day", "giao_co_lam", "tam_that"]),
    ("htx-du-lich-cong-dong-che-can", "HTX Du lịch cộng đồng bản Che Căn", C, "Mường Phăng", "Bản Che Căn",
     "Lò Văn Hặc", "M", "03", 1975, V, ["tour_che_can", "ruou_men_la"]),
    ("htx-det-tho-cam-muong-luan", "HTX Dệt thổ cẩm Thái Mường Luân", C, "Mường Luân", "Bản Co Mỵ",
     "Lò Thị Thoa", "F", "03", 1980, V, ["khan_pieu", "tui_tho_cam", "ao_com", "goi_tho_cam"]),
    ("htx-chan-nuoi-na-son", "HTX Chăn nuôi Na Son", C, "Na Son", "Bản Xa Nhè", "Vừ A Mua", "M", "08", 1982,
     S, ["thit_trau_gac_bep", "thit_lon_gac_bep"]),
    ("htx-nong-san-sach-thanh-nua", "HTX Nông sản sạch Thanh Nưa", C, "Thanh Nưa", "Bản Hồng Lứu",
     "Lò Văn Ơn", "M", "03", 1976, R, ["mang_chua", "mien_dong"]),
    ("htx-ruou-men-la-muong-lan", "HTX Rượu men lá Mường Lạn", C, "Mường Lạn", "Bản Kéo Nánh",
     "Lò Văn Chiến", "M", "29", 1978, V, ["ruou_men_la", "gao_nep_cam"]),
    ("tht-det-tho-cam-ban-phieng-loi", "Tổ hợp tác dệt thổ cẩm bản Phiêng Lơi", G, "Thanh Nưa",
     "Bản Phiêng Lơi", "Lò Thị Ín", "F", "03", 1985, V, ["khan_pieu", "tui_tho_cam", "goi_tho_cam"]),
    ("tht-dan-lat-kho-mu-huoi-mot", "Tổ hợp tác đan lát Khơ Mú bản Huổi Một", G, "Pú Nhung", "Bản Huổi Một",
     "Lò Văn Bun", "M", "29", 1970, V, ["gio_may_tre", "ep_khau"]),
    ("tht-may-theu-hmong-tua-thang", "Tổ hợp tác may thêu H'Mông Tủa Thàng", G, "Tủa Thàng", "Bản Hấu Chua",
     "Lầu Thị Dia", "F", "08", 1991, V, ["vay_hmong", "vai_lanh"]),
    ("tht-mang-rung-muong-tung", "Tổ hợp tác măng rừng Mường Tùng", G, "Mường Tùng", "Bản Huổi Mý",
     "Vàng A Sình", "M", "08", 1988, R, ["mang_kho"]),
    ("tht-theu-dao-pa-ham", "Tổ hợp tác thêu thổ cẩm Dao Pa Ham", G, "Pa Ham", "Bản Nậm Cang",
     "Đặng Thị Xuân", "F", "09", 1986, V, ["khan_dao", "tranh_theu", "vi_tho_cam"]),
    ("tht-che-co-thu-phinh-giang", "Tổ hợp tác chè cổ thụ Phình Giàng", G, "Phình Giàng", "Bản Phình Giàng",
     "Hạng A Tủa", "M", "08", 1990, D, ["che_shan_tuyet"]),
    ("cong-ty-gao-dien-bien-xanh", "Công ty TNHH Gạo Điện Biên Xanh", E, "Thanh An", "Bản Noong Ứng",
     "Nguyễn Thị Lan", "F", "01", 1980, V, ["gao_seng_cu", "gao_tam_thom", "gao_nep_cam", "gao_nep_nuong"]),
    ("cong-ty-ca-phe-arabica-dien-bien", "Công ty Cổ phần Cà phê Arabica Điện Biên", E, "Mường Ảng",
     "Tổ dân phố 3", "Phạm Văn Đức", "M", "01", 1976, V, ["ca_phe_rang_xay", "ca_phe_hat"]),
    ("cong-ty-thuc-pham-muong-thanh", "Công ty TNHH Thực phẩm Mường Thanh", E, "Mường Thanh",
     "Tổ dân phố 7", "Lò Văn Tuấn", "M", "03", 1979, V,
     ["thit_trau_gac_bep", "lap_xuong", "cham_cheo", "mac_khen"]),
    ("dntn-homestay-him-lam", "Doanh nghiệp tư nhân Homestay Him Lam", E, "Điện Biên Phủ", "Bản Him Lam 2",
     "Lường Thị Hoa", "F", "03", 1983, V, ["homestay_him_lam", "tam_khoang_u_va", "cham_cheo"]),
    ("cong-ty-luu-niem-dien-bien-phu", "Công ty TNHH Lưu niệm Điện Biên Phủ", E, "Điện Biên Phủ",
     "Tổ dân phố 1", "Hoàng Văn Minh", "M", "01", 1972, V,
     ["mo_hinh_xe_dap_tho", "tranh_theu", "goi_tho_cam", "vi_tho_cam"]),
    ("cong-ty-duoc-lieu-tay-bac", "Công ty Cổ phần Dược liệu Tây Bắc", E, "Tuần Giáo", "Khối Tân Giang",
     "Lê Thị Ngọc", "F", "01", 1985, V, ["tam_that", "giao_co_lam", "sam_day"]),
]
# fmt: on

# Households in the commune official's commune that the official registered on their behalf.
ASSISTED_BY_COMMUNE_OFFICIAL = {"ho-ba-lo-thi-ngoan"}
# Registrations that came in on paper (feeds indicator I7's denominator but not its numerator).
SUBMITTED_ON_PAPER = {"ho-ong-lo-van-pho", "ho-ong-trieu-van-phin", "htx-dua-muong-cha"}
# Product lines whose certificate, for that seller, expired (issued more than 36 months ago).
EXPIRED_CERTIFICATES = {
    ("ho-ong-lo-van-sim", "mang_kho"),
    ("ho-ong-lo-van-sim", "nam_huong"),
    ("htx-dua-muong-cha", "dua_muong_cha"),
    ("ho-ba-lu-thi-xieng", "ca_pinh_top"),
    ("tht-dan-lat-kho-mu-huoi-mot", "ep_khau"),
    ("htx-mien-dong-quai-to", "mien_dong"),
}
# Nationally recognised 5★ products (decided by the central government).
FIVE_STAR = {("htx-che-shan-tuyet-tua-chua", "che_shan_tuyet"), ("htx-ca-phe-muong-ang", "ca_phe_rang_xay")}

# Buyers' shipping addresses: (name, phone, street, commune/ward, province).
ADDRESSES = [
    ("Nguyễn Hoàng Minh", "+84912345678", "18 ngõ 95 Chùa Bộc", "Phường Kim Liên", "Hà Nội"),
    ("Trần Thị Hồng", "+84903456789", "214 Nguyễn Trãi", "Phường Thanh Xuân", "Hà Nội"),
    ("Lê Quang Vinh", "+84938123456", "45 Lê Lợi", "Phường Sài Gòn", "Hồ Chí Minh"),
    ("Phạm Thu Trang", "+84976543210", "12 Võ Văn Tần", "Phường Xuân Hoà", "Hồ Chí Minh"),
    ("Đỗ Văn Nam", "+84905111222", "88 Bạch Đằng", "Phường Hải Châu", "Đà Nẵng"),
    ("Vũ Thị Lan Anh", "+84936222333", "31 Lạch Tray", "Phường Gia Viên", "Hải Phòng"),
    ("Bùi Đức Thắng", "+84919333444", "7 đường 3/2", "Phường Ninh Kiều", "Cần Thơ"),
    ("Lò Văn Thắm", "+84915444555", "Tổ dân phố 9", "Phường Điện Biên Phủ", "Điện Biên"),
    ("Hoàng Thị Yến", "+84984555666", "56 Trần Phú", "Phường Vinh Phú", "Nghệ An"),
    ("Ngô Minh Tuấn", "+84947666777", "102 Hùng Vương", "Phường Tô Hiệu", "Sơn La"),
    ("Đinh Thị Hạnh", "+84963777888", "23 Phan Đình Phùng", "Phường Ba Đình", "Hà Nội"),
    ("Quàng Thị Hoa", "+84988888999", "Bản Him Lam", "Phường Mường Thanh", "Điện Biên"),
]
CARRIERS = ["Viettel Post", "VNPost", "Giao Hàng Nhanh", "J&T Express"]

# Wagtail pages: (slug, title, audience, minutes, summary, body HTML).
COURSES = [
    (
        "ban-hang-truc-tuyen",
        "Bán hàng trực tuyến cho hộ sản xuất OCOP",
        "sellers",
        45,
        "Chụp ảnh sản phẩm bằng điện thoại, viết mô tả, đặt giá và xử lý đơn hàng đầu tiên.",
        "<h2>Bài 1. Ảnh sản phẩm đẹp bằng điện thoại</h2><p>Chụp ở nơi có ánh sáng tự nhiên, nền đơn "
        "giản, chụp cả bao bì và tem OCOP.</p><h2>Bài 2. Viết mô tả</h2><p>Nói rõ sản phẩm làm ở bản "
        "nào, ai làm, khối lượng, hạn dùng, cách bảo quản.</p><h2>Bài 3. Nhận và giao đơn</h2><p>Xác "
        "nhận đơn trong ngày, đóng gói chắc chắn, nhập mã vận đơn để người mua theo dõi.</p>",
    ),
    (
        "thanh-toan-vietqr",
        "Nhận tiền qua VietQR và ví điện tử",
        "sellers",
        30,
        "Đăng ký tài khoản nhận tiền, in mã VietQR, kiểm tra tiền về trước khi giao hàng.",
        "<h2>Bài 1. Tài khoản nhận tiền</h2><p>Dùng tài khoản ngân hàng đứng tên người đại diện; cán bộ "
        "xã sẽ xác minh.</p><h2>Bài 2. Mã VietQR</h2><p>Người mua quét mã bằng bất kỳ ứng dụng ngân hàng "
        "nào; số tiền và mã đơn đã điền sẵn.</p><h2>Bài 3. Đối soát</h2><p>Đơn chỉ được giao khi hệ "
        "thống báo đã nhận tiền.</p>",
    ),
    (
        "an-toan-tren-mang",
        "An toàn trên mạng: nhận biết lừa đảo",
        "leaders",
        30,
        "Những chiêu lừa thường gặp, bảo vệ mã OTP và thông tin căn cước.",
        "<h2>Bài 1. Không bao giờ đọc mã OTP cho người khác</h2><p>Ngân hàng và cán bộ không bao giờ hỏi "
        "mã OTP.</p><h2>Bài 2. Đường link lạ</h2><p>Không bấm vào đường link nhận qua tin nhắn lạ; vào "
        "sàn bằng địa chỉ đã lưu.</p><h2>Bài 3. Giúp bà con trong bản</h2><p>Trưởng bản nhắc bà con "
        "những điều trên trong các buổi họp bản.</p>",
    ),
    (
        "chuyen-doi-so-cho-can-bo",
        "Chuyển đổi số trong công tác dân tộc (dành cho cán bộ)",
        "staff",
        60,
        "Xác minh người bán, ghi nhận tập huấn, đọc các chỉ tiêu chuyển đổi số của xã.",
        "<h2>Bài 1. Xác minh hồ sơ người bán</h2><p>Kiểm tra giấy tờ, duyệt hoặc yêu cầu bổ sung có nêu "
        "lý do.</p><h2>Bài 2. Ghi nhận tập huấn trực tiếp</h2><p>Nhập danh sách người dự lớp tại xã.</p>"
        "<h2>Bài 3. Chỉ tiêu</h2><p>Đọc tử số, mẫu số và mục tiêu năm của từng chỉ tiêu.</p>",
    ),
]
NEWS = [
    (
        "ra-mat-cho-ocop-dien-bien",
        "Ra mắt Chợ OCOP Điện Biên",
        20,
        "Sàn giúp các hộ, hợp tác xã và doanh nghiệp OCOP của 45 xã, phường bán hàng trên cả nước.",
        "<p>Chợ OCOP Điện Biên chính thức mở cửa với hơn 30 người bán đã được xác minh và gần 200 sản "
        "phẩm, từ gạo Séng Cù, chè Shan Tuyết Tủa Chùa đến thổ cẩm Thái và du lịch cộng đồng.</p>",
    ),
    (
        "tap-huan-ban-hang-truc-tuyen-thanh-nua",
        "Tập huấn bán hàng trực tuyến tại xã Thanh Nưa",
        5,
        "Hơn 40 hộ sản xuất được hướng dẫn chụp ảnh sản phẩm và nhận thanh toán VietQR.",
        "<p>Buổi tập huấn do cán bộ xã và các hợp tác xã tổ chức tại nhà văn hoá bản Mển. Bà con thực "
        "hành đăng sản phẩm ngay trên điện thoại của mình.</p>",
    ),
]
