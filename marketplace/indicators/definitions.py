"""The seven indicators of the 2026–2030 plan (DESIGN §3): one definition for every reader.

Dashboard, exports, snapshots, the public page, alerts and tests all read these objects;
the counting itself is in ``selectors.py`` (live, from the records) and the stored
snapshots (``models.SnapshotCell``), which hold the same counters.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

BASELINE_YEAR = 2025
FINAL_YEAR = 2030
INTERIM_YEAR = 2028  # the plan's mid-term review
YEARS = tuple(range(BASELINE_YEAR, FINAL_YEAR + 1))

# Breakdown dimensions a population has: sellers have all four, registries fewer.
SELLER_DIMS = frozenset({"commune", "ethnic_group", "entity_type", "sex"})


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    numerator: str
    denominator: str
    target_2030: Decimal
    # Caveats shown to officials beside the definition (what "as of a past date" approximates).
    approximation: str = ""
    dims: frozenset = SELLER_DIMS

    @property
    def over_register(self) -> bool:
        """Counted over the province's OCOP register (coverage is shown beside it)."""
        return self.code in {"I1", "I2", "I3", "I4"}

    @property
    def glossary(self):
        """The terms this indicator's wording uses, defined (shown under its definition)."""
        if not self.over_register:
            return ()
        return (OCOP_ENTITY, EM_HOUSEHOLD, COVERAGE) if self.code in {"I2", "I3"} else (OCOP_ENTITY, COVERAGE)

    @property
    def num_field(self):
        return f"{self.code.lower()}_num"

    @property
    def den_field(self):
        return f"{self.code.lower()}_den"

    def applies_to(self, filters) -> bool:
        """False when a filter names a dimension this population does not have."""
        return all(dim in self.dims for dim, value in filters.as_dims().items() if value)


OCOP_ENTITY = _(
    "Chủ thể OCOP: chủ thể trong danh sách OCOP của tỉnh (do cán bộ tỉnh nhập từ quyết định công nhận) "
    "có ít nhất một sản phẩm còn hiệu lực vào ngày tính (ngày quyết định ≤ ngày tính ≤ ngày hết hạn), "
    "dù đã có tài khoản trên chợ hay chưa. Việc bán hàng, tài khoản thanh toán, tập huấn được lấy từ "
    "tài khoản người bán đã được cán bộ ghép với chủ thể."
)
EM_HOUSEHOLD = _(
    "Hộ DTTS: chủ thể là hộ gia đình/hộ kinh doanh có người đại diện thuộc dân tộc khác dân tộc Kinh "
    "(danh sách chưa ghi dân tộc thì chưa tính)."
)
COVERAGE = _(
    "Độ phủ: trong các chủ thể OCOP của danh sách tỉnh, số đã được ghép với tài khoản trên chợ. "
    "Chủ thể chưa có tài khoản vẫn được tính ở mẫu số."
)
LIVE_LISTING = _(
    "Sản phẩm đang bán trên chợ vào một ngày đã qua được ước tính: sản phẩm tạo trước hết ngày đó, "
    "người bán được xác minh trước hết ngày đó, và hiện vẫn hiển thị, còn hàng (lịch sử ẩn/hết hàng "
    "không được lưu). Vùng đồng bào DTTS theo danh mục xã hiện hành."
)

INDICATORS = (
    Indicator(
        code="I1",
        name=_("Chủ thể OCOP vùng đồng bào DTTS và miền núi bán hàng trên sàn thương mại điện tử"),
        numerator=_(
            "Chủ thể OCOP ở xã/phường vùng đồng bào DTTS có tài khoản trên chợ với ít nhất một sản phẩm "
            "đang bán, hoặc có cửa hàng trên sàn khác đã được cán bộ xác nhận"
        ),
        denominator=_("Chủ thể OCOP ở xã/phường vùng đồng bào DTTS"),
        target_2030=Decimal(60),
        approximation=LIVE_LISTING,
    ),
    Indicator(
        code="I2",
        name=_("Hộ DTTS là chủ thể OCOP có điểm bán và tài khoản thanh toán điện tử"),
        numerator=_(
            "Hộ DTTS là chủ thể OCOP có gian hàng hoạt động (đã xác minh, ít nhất một sản phẩm đang "
            "bán) và tài khoản thanh toán điện tử đã xác minh, chưa bị khoá vào ngày tính"
        ),
        denominator=_("Hộ DTTS là chủ thể OCOP"),
        target_2030=Decimal(50),
        approximation=LIVE_LISTING,
    ),
    Indicator(
        code="I3",
        name=_("Hộ DTTS trong các chủ thể OCOP"),
        numerator=_("Hộ DTTS là chủ thể OCOP"),
        denominator=_("Tất cả chủ thể OCOP"),
        target_2030=Decimal(50),
    ),
    Indicator(
        code="I4",
        name=_("Doanh nghiệp, hợp tác xã, hộ DTTS được tập huấn kỹ năng số"),
        numerator=_(
            "Trong số đó, cơ sở có người đại diện đã hoàn thành ít nhất một khoá học "
            "(trực tuyến, hoặc tham dự lớp do cán bộ ghi nhận) đến ngày tính"
        ),
        denominator=_(
            "Chủ thể trong danh sách OCOP của tỉnh và người bán đã xác minh (chưa có trong danh sách) ở "
            "xã/phường vùng đồng bào DTTS, mỗi cơ sở một lần"
        ),
        target_2030=Decimal(50),
    ),
    Indicator(
        code="I5",
        name=_("Trưởng bản, người có uy tín được tập huấn"),
        numerator=_("Trưởng bản, người có uy tín đã hoàn thành ít nhất một khoá học đến ngày tính"),
        denominator=_("Trưởng bản, người có uy tín có trong danh sách đến ngày tính"),
        target_2030=Decimal(80),
        dims=frozenset({"commune", "ethnic_group", "sex"}),
    ),
    Indicator(
        code="I6",
        name=_("Cán bộ làm công tác dân tộc được bồi dưỡng chuyển đổi số"),
        numerator=_("Cán bộ đã hoàn thành ít nhất một khoá học dành cho cán bộ đến ngày tính"),
        denominator=_("Cán bộ làm công tác dân tộc có trong danh sách đến ngày tính"),
        target_2030=Decimal(100),
        dims=frozenset({"commune", "sex"}),
        approximation=_("Cán bộ cấp tỉnh chỉ được tính trong số liệu toàn tỉnh, không thuộc xã nào."),
    ),
    Indicator(
        code="I7",
        name=_("Thủ tục đăng ký người bán được xử lý trực tuyến"),
        numerator=_("Hồ sơ đăng ký người bán được nộp trực tuyến và xử lý trực tuyến"),
        denominator=_(
            "Hồ sơ đăng ký người bán đã có quyết định (xác minh hoặc từ chối) đến ngày tính; "
            "hồ sơ được trả lại để bổ sung chưa tính"
        ),
        target_2030=Decimal(100),
        approximation=_(
            "Hồ sơ bị từ chối trước khi có ngày quyết định được lưu lấy ngày ghi trong nhật ký của cán "
            "bộ (nếu không có: ngày nộp)."
        ),
    ),
)

PROJECTION_METHOD = _(
    "Dự báo: đường thẳng bình phương nhỏ nhất qua tỷ lệ cuối mỗi tháng của 12 tháng gần nhất "
    "(cần ít nhất 4 tháng), kéo dài đến cuối năm 2030. Khoảng dự báo: độ dốc ± 2 sai số chuẩn. "
    "Đây là ước tính theo tốc độ hiện nay, không phải số liệu."
)

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
CODES = tuple(BY_CODE)
# Coverage: of the register's OCOP subjects, those matched to an account here (shown beside I1–I4).
COVERAGE_FIELDS = ("cov_num", "cov_den")
COUNTER_FIELDS = tuple(f for i in INDICATORS for f in (i.num_field, i.den_field)) + COVERAGE_FIELDS
