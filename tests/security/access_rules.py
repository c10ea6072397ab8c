"""Who may open which URL: the expectations of the access matrix (test_access_matrix.py).

Every URL pattern of the project, enumerated from the URL resolver, is requested by every role
with GET and with a POST. A pattern is checked against the CASES naming it (by URL name, or by
its pattern string when it has no name) or, failing that, against the DEFAULTS of the first
prefix it starts with. A pattern with neither fails the test: a new URL needs an expectation.

How to add a URL (one row):
  * Under a prefix with a default (``officials/``, ``seller/``, ``dashboard/`` …) it inherits that
    default, filled with generic path values. Add a row when it takes an object (so it is asked
    with a real one, owned by someone) or when the default is not what it should be.
  * A new area (``payments/``, ``training/``, ``indicators/``) adds a line to DEFAULTS.
  * A row: ``Case("app:url-name", allow=..., deny=..., kwargs=lambda w: {"pk": w.product_a.pk},
    post={...})``. ``w`` is the world of tests/security/world.py (add objects there).

``allow``: these roles must get the page (2xx, or a redirect that is not to a login page).
``deny``: these must be refused (400, 401, 403, 404, 405, 410 or a redirect to a login page), on
GET and POST (401: a webhook without a valid signature).
Roles in neither are only held to "never a 500". ``post``: data of a state-changing POST that the
allowed roles must be able to make (without it, POST is only checked for the denied roles).
"""

from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "buyer_a",
    "buyer_b",
    "seller_a",
    "seller_b",
    "village_head",
    "official_x",
    "official_y",
    "province",
    "operator",
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
BUYERS = frozenset({"buyer_a", "buyer_b"})
SELLERS = frozenset({"seller_a", "seller_b"})
OFFICIALS = frozenset({"official_x", "official_y", "province"})
HELPERS = OFFICIALS | {"village_head"}  # may register households on their behalf
STAFF = frozenset({"operator"})
# Officials who may decide a file of commune X (seller A's): its commune's and the province's.
DECIDE_X = frozenset({"official_x", "province"})


@dataclass(frozen=True)
class Case:
    url: str  # URL name ("officials:seller") or, for an unnamed pattern, its pattern string
    allow: frozenset = frozenset()
    deny: frozenset | None = None  # None: everyone not in allow
    kwargs: object = None  # dict, or a function of the world giving one
    path: str = ""  # an example path, for a pattern whose path cannot be built from kwargs
    post: object = None  # dict, or a function of the world giving one
    get: bool = True  # False for POST-only views (GET must still not open anything)
    refused_to: str = ""  # a redirect to a path starting so also counts as a refusal (with a message)
    note: str = ""

    def denied_roles(self):
        return EVERYONE - self.allow if self.deny is None else self.deny


@dataclass(frozen=True)
class Default:
    prefix: str
    allow: frozenset = frozenset()
    deny: frozenset | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    def case(self, url):
        return Case(url, allow=self.allow, deny=self.deny, note=self.note)


# Staff-area pages that answer the operator's empty or malformed POST with a 500: stock Django
# admin "add" forms of Oscar's models and Wagtail's deliberate error page. Listed so that the
# list cannot grow unnoticed; the operator is the only role that reaches them.
KNOWN_STAFF_500S = {
    "admin/address/useraddress/add/",
    "admin/basket/line/add/",
    "admin/offer/benefit/add/",
    "admin/offer/condition/add/",
    "admin/reviews/vote/add/",
    "admin/voucher/voucherapplication/add/",
    "cms/failwhale/",  # Wagtail's page that fails on purpose, to test error reporting
    # Wagtail admin actions posted empty on the tree's root page, or without their form data:
    "cms/pages/<int:page_to_move_id>/set_position/",
    "cms/pages/<int:page_id>/lock/",
    "cms/pages/<int:page_id>/unlock/",
    "cms/choose-external-link/",
    "cms/redirects/import/process/",
}

# First match wins: longer prefixes first.
DEFAULTS = [
    Default("admin/", deny=EVERYONE - STAFF, note="Django admin: staff only"),
    Default("cms/", deny=EVERYONE - STAFF, note="Wagtail admin: staff only"),
    Default("dashboard/payments/", deny=EVERYONE - STAFF, note="the operator's payouts and refunds"),
    Default("dashboard/", deny=EVERYONE - STAFF - SELLERS, note="Oscar dashboard: staff, and partner users"),
    Default("officials/", deny=EVERYONE - OFFICIALS, note="officials only"),
    Default("seller/", deny=EVERYONE - SELLERS, note="the seller workspace: verified sellers only"),
    Default("accounts/", deny=frozenset({"anonymous"}), note="a signed-in customer's own account"),
    Default("payments/", deny=EVERYONE, note="webhooks and returns: each request proves itself"),
    Default("training/officials/", deny=EVERYONE - OFFICIALS, note="training records: officials only"),
    Default("training/", deny=frozenset({"anonymous"}), note="a signed-in learner's own training"),
]

W_PRODUCT_A = lambda w: {"product_slug": w.product_a.slug, "pk": w.product_a.pk}  # noqa: E731
W_REVIEWS_A = lambda w: {"product_slug": w.product_a.slug, "product_pk": w.product_a.pk}  # noqa: E731

CASES = [
    # --- public storefront -------------------------------------------------------------------
    Case("home", allow=EVERYONE),
    Case("indicators-public", allow=EVERYONE, note="the plan's public progress page (aggregates only)"),
    Case("wagtail_serve", deny=EVERYONE, path="/khong-co-trang-nay/", note="Wagtail pages: no such page"),
    Case("set_language", allow=EVERYONE, post={"language": "en", "next": "/"}),
    Case("seller-shop", allow=EVERYONE, kwargs=lambda w: {"slug": w.seller_a.slug}),
    Case("order-status", allow=EVERYONE, kwargs=lambda w: {"token": w.status_token_a}, note="signed link"),
    Case("order-status", deny=EVERYONE, kwargs={"token": "910001"}, note="an unsigned number opens nothing"),
    Case("catalogue:index", allow=EVERYONE),
    Case("catalogue:detail", allow=EVERYONE, kwargs=W_PRODUCT_A),
    Case("catalogue:trace", allow=EVERYONE, kwargs=lambda w: {"pk": w.product_a.pk}),
    Case("catalogue:label", allow=EVERYONE, kwargs=lambda w: {"pk": w.product_a.pk}),
    Case("catalogue:category", deny=frozenset(), kwargs={"category_slug": "x", "pk": 1}),
    Case("catalogue:range", deny=EVERYONE, kwargs={"slug": "khong-co"}, note="no such range"),
    Case("catalogue:reviews-list", allow=EVERYONE, kwargs=W_REVIEWS_A),
    Case(
        "catalogue:reviews-add",
        allow=frozenset({"buyer_a"}),
        deny=EVERYONE - {"buyer_a"},
        kwargs=W_REVIEWS_A,
        refused_to="/catalogue/",
        note="only a buyer who ordered the product; others sent back to it",
    ),
    Case("catalogue:reviews-detail", deny=EVERYONE, kwargs=lambda w: {**W_REVIEWS_A(w), "pk": 999999}),
    Case(
        "catalogue:reviews-vote",
        deny=frozenset({"anonymous"}),
        kwargs=lambda w: {**W_REVIEWS_A(w), "pk": 999999},
    ),
    Case("search:search", allow=EVERYONE),
    Case("offer:list", allow=EVERYONE),
    Case("offer:detail", deny=EVERYONE, kwargs={"slug": "khong-co"}),
    Case("basket:summary", allow=EVERYONE),
    Case(
        "basket:add", allow=EVERYONE, get=False, kwargs=lambda w: {"pk": w.product_a.pk}, post={"quantity": 1}
    ),
    Case("basket:vouchers-add", deny=frozenset()),
    Case("basket:vouchers-remove", deny=frozenset(), kwargs={"pk": 1}),
    Case("basket:saved", deny=frozenset({"anonymous"})),
    Case("checkout:index", deny=frozenset(), note="an empty basket is sent back to the basket"),
    Case("checkout:shipping-address", deny=frozenset()),
    Case("checkout:shipping-method", deny=frozenset()),
    Case("checkout:payment-method", deny=frozenset()),
    Case("checkout:payment-details", deny=frozenset()),
    Case("checkout:preview", deny=frozenset()),
    Case("checkout:thank-you", deny=frozenset(), note="only right after placing an order"),
    Case(
        "checkout:user-address-update", deny=EVERYONE - {"buyer_a"}, kwargs=lambda w: {"pk": w.address_a.pk}
    ),
    Case(
        "checkout:user-address-delete", deny=EVERYONE - {"buyer_a"}, kwargs=lambda w: {"pk": w.address_a.pk}
    ),
    Case("password-reset", allow=frozenset({"anonymous"}), deny=frozenset(), note="signed-in users: 403"),
    Case("password-reset-done", allow=frozenset({"anonymous"}), deny=frozenset()),
    Case("password-reset-complete", allow=frozenset({"anonymous"}), deny=frozenset()),
    Case("password-reset-confirm", deny=frozenset(), kwargs={"uidb64": "MQ", "token": "x-y"}),
    Case("wishlists:detail", deny=EVERYONE, kwargs={"key": "khong-co"}, note="wishlists are switched off"),
    Case("wagtaildocs_serve", deny=EVERYONE, note="no such document"),
    Case("wagtaildocs_authenticate_with_password", deny=EVERYONE, kwargs={"restriction_id": 999999}),
    Case(
        "wagtailcore_authenticate_with_password",
        deny=EVERYONE,
        kwargs={"page_view_restriction_id": 999999, "page_id": 999999},
    ),
    Case("wagtailcore_login", allow=EVERYONE),
    # --- the staff areas' own public pages (login, password reset, scripts) ------------------
    Case("admin/login/", allow=EVERYONE, note="Django admin login (throttled)"),
    Case("admin/logout/", deny=frozenset()),
    Case("admin/catalogue/category/jsi18n/", allow=EVERYONE, note="translations for a script"),
    Case("admin:app_list", deny=EVERYONE - STAFF, path="/admin/sellers/"),
    Case("cms/login/", allow=EVERYONE, note="Wagtail admin login (throttled)"),
    Case("cms/logout/", deny=frozenset()),
    Case("cms/password_reset/", deny=frozenset()),
    Case("cms/password_reset/done/", deny=frozenset()),
    Case("cms/password_reset/confirm/<uidb64>/<token>/", deny=frozenset()),
    Case("cms/password_reset/complete/", deny=frozenset()),
    Case("cms/jsi18n/", allow=EVERYONE),
    Case("cms/sprite/", allow=EVERYONE, note="the admin's icon sprite"),
    # --- a customer's own account --------------------------------------------------------------
    Case("customer:login", allow=EVERYONE),
    Case("customer:register", allow=EVERYONE),
    Case("customer:logout", allow=EVERYONE),
    Case("customer:order-list", allow=SIGNED_IN, deny=frozenset({"anonymous"})),
    Case("customer:order", allow=frozenset({"buyer_a"}), kwargs=lambda w: {"order_number": w.order_a.number}),
    Case(
        "customer:anon-order",
        deny=EVERYONE,
        kwargs={"order_number": "910001", "hash": "sai"},
        refused_to="/",
        note="a wrong hash: sent home with a message",
    ),
    Case("accounts/notifications/", allow=SIGNED_IN, deny=frozenset(), note="redirects to the inbox"),
    Case("customer:anon-order-form", deny=frozenset(), kwargs={"order_number": "910001", "hash": "sai"}),
    Case("customer:address-detail", allow=frozenset({"buyer_a"}), kwargs=lambda w: {"pk": w.address_a.pk}),
    Case("customer:address-delete", allow=frozenset({"buyer_a"}), kwargs=lambda w: {"pk": w.address_a.pk}),
    Case(
        "customer:address-change-status",
        deny=EVERYONE - {"buyer_a"},
        kwargs=lambda w: {"pk": w.address_a.pk, "action": "default_for_shipping"},
    ),
    Case(
        "customer:notifications-detail",
        allow=frozenset({"seller_a"}),
        kwargs=lambda w: {"pk": w.notification_a.pk},
    ),
    Case("customer:email-detail", deny=EVERYONE, kwargs={"email_id": 999999}),
    Case(
        "customer:order-line",
        allow=frozenset({"buyer_a"}),
        kwargs=lambda w: {"order_number": w.order_a.number, "line_id": w.line_a.pk},
        note="GET goes back to the order (marketplace/security/urls.py)",
    ),
    Case("^(?:accounts/)?wishlists/", deny=EVERYONE, note="wishlists are switched off"),
    # --- the seller workspace and registration -------------------------------------------------
    Case("sellers:home", allow=EVERYONE),
    Case("sellers:login", allow=EVERYONE),
    Case("sellers:logout", allow=EVERYONE, get=False, post={}),
    Case("sellers:register", allow=EVERYONE),
    Case("sellers:register-resume", allow=SELLERS),
    Case("sellers:register-step", allow=SELLERS, kwargs={"step": 1}),
    Case("sellers:register-review", allow=SELLERS),
    Case("sellers:assist", allow=HELPERS),
    Case("sellers:assist-new", allow=HELPERS),
    Case(
        "sellers:assist-resume",
        allow=frozenset({"village_head"}),
        kwargs=lambda w: {"seller_pk": w.draft_vh.pk},
        note="only the helper of that draft",
    ),
    Case(
        "sellers:assist-step",
        allow=frozenset({"village_head"}),
        kwargs=lambda w: {"seller_pk": w.draft_vh.pk, "step": 1},
    ),
    Case(
        "sellers:assist-review",
        allow=frozenset({"village_head"}),
        kwargs=lambda w: {"seller_pk": w.draft_vh.pk},
    ),
    Case("sellers:products", allow=SELLERS),
    Case("sellers:product-new", allow=SELLERS),
    Case("sellers:product-edit", allow=frozenset({"seller_a"}), kwargs=lambda w: {"pk": w.product_a.pk}),
    Case(
        "sellers:product-visibility",
        allow=frozenset({"seller_a"}),
        get=False,
        kwargs=lambda w: {"pk": w.product_a.pk},
        post={"visible": "0"},
    ),
    Case("sellers:orders", allow=SELLERS),
    Case(
        "sellers:order",
        allow=frozenset({"seller_a"}),
        kwargs=lambda w: {"pk": w.part_a.pk},
        note="seller B has a part of the same order, not this one",
    ),
    Case(
        "sellers:order-action",
        allow=frozenset({"seller_a"}),
        get=False,
        kwargs=lambda w: {"pk": w.part_a.pk, "action": "packed"},
        post={},
    ),
    Case("sellers:certificates", allow=SELLERS),
    Case("sellers:certificate-new", allow=SELLERS),
    Case("sellers:links", allow=SELLERS),
    Case(
        "sellers:link-remove",
        allow=frozenset({"seller_a"}),
        get=False,
        kwargs=lambda w: {"pk": w.link_a.pk},
        post={},
    ),
    # --- officials ---------------------------------------------------------------------------
    Case("officials:queue", allow=OFFICIALS),
    Case(
        "officials:seller",
        allow=DECIDE_X,
        kwargs=lambda w: {"pk": w.pending_x.pk},
        post={"decision": "approve"},
        note="commune X's file: not commune Y's official",
    ),
    Case(
        "officials:certificate",
        allow=DECIDE_X,
        kwargs=lambda w: {"pk": w.certificate_a.pk},
        post={"decision": "approve"},
    ),
    Case(
        "officials:link-decision",
        allow=DECIDE_X,
        get=False,
        kwargs=lambda w: {"pk": w.link_a.pk, "decision": "confirm"},
        post={},
    ),
    # --- Oscar dashboard: what a seller (partner user) may open --------------------------------
    Case(
        "^dashboard/catalogue/(?:attribute-option-group|option)/(?P<pk>[^/]*[^0-9/][^/]*)/(?:update|delete)/$",
        deny=EVERYONE,
        path="/dashboard/catalogue/option/x/update/",
        note="an id that is not a number: 404 (marketplace/security/urls.py)",
    ),
    Case(
        "^dashboard/pages/(?:update|delete)/(?P<pk>[^/]*[^0-9/][^/]*)/$",
        deny=EVERYONE,
        path="/dashboard/pages/update/x/",
    ),
    Case(
        "^cms/(?:documents|images)/chooser/chosen/(?P<pk>[^/]*[^0-9/][^/]*)/$",
        deny=EVERYONE,
        path="/cms/images/chooser/chosen/x/",
    ),
    Case("dashboard:login", allow=EVERYONE, note="a login form (throttled like the others)"),
    Case("dashboard:logout", allow=EVERYONE, get=False, post={}),
    Case("dashboard:index", allow=STAFF | SELLERS),
    Case("dashboard:order-list", allow=STAFF | SELLERS),
    Case(
        "dashboard:order-detail",
        allow=STAFF | SELLERS,
        kwargs=lambda w: {"number": w.order_a.number},
        note="both sellers have a part of order A",
    ),
    Case(
        "dashboard:order-detail",
        allow=STAFF | {"seller_b"},
        kwargs=lambda w: {"number": w.order_b.number},
        note="seller A has nothing in order B",
    ),
    Case(
        "dashboard:order-line-detail",
        allow=STAFF | {"seller_a"},
        kwargs=lambda w: {"number": w.order_a.number, "line_id": w.line_a.pk},
    ),
    Case(
        "dashboard:order-shipping-address",
        allow=STAFF,
        kwargs=lambda w: {"number": w.order_a.number},
        note="the buyer's address is the whole order's: the operator's",
    ),
    Case("dashboard:order-stats", allow=STAFF),
    Case("dashboard:catalogue-product-list", allow=STAFF | SELLERS),
    Case("dashboard:catalogue-product", allow=STAFF | {"seller_a"}, kwargs=lambda w: {"pk": w.product_a.pk}),
    Case(
        "dashboard:catalogue-product-delete",
        allow=STAFF | {"seller_a"},
        kwargs=lambda w: {"pk": w.product_a.pk},
    ),
    # --- payments: webhooks, the buyer's return from 3-D Secure ------------------------
    *[
        Case(
            "payments:webhook",
            deny=EVERYONE,
            kwargs={"provider": provider},
            note="unsigned notification: 401/400; GET: 405",
        )
        for provider in ("sepay", "casso", "stripe", "khong-co")
    ],
    Case(
        "payments:card-authenticated",
        deny=EVERYONE,
        get=False,
        kwargs=lambda w: {"token": w.status_token_a},
        note="a signed link, but order A has no card payment: nothing to capture (404)",
    ),
    Case(
        "payments:card-authenticated",
        deny=EVERYONE,
        get=False,
        kwargs={"token": "910001"},
        note="an unsigned order number opens nothing",
    ),
    Case(
        "order-status",
        allow=EVERYONE,
        kwargs=lambda w: {"token": w.status_token_pay},
        note="the buyer's VietQR pay page, by its signed link",
    ),
    # --- a seller's payment pages ----------------------------------------------------------------
    Case("seller_payments:accounts", allow=SELLERS),
    Case("seller_payments:ledger", allow=SELLERS),
    Case("seller_payments:transfers", allow=SELLERS),
    Case(
        "seller_payments:account-disable",
        allow=frozenset({"seller_a"}),
        get=False,
        kwargs=lambda w: {"pk": w.account_a_new.pk},
        post={},
    ),
    Case(
        "seller_payments:payment-confirm",
        allow=frozenset({"seller_a"}),
        get=False,
        kwargs=lambda w: {"pk": w.payment_a.pk},
        post=lambda w: {f"p{w.payment_a.pk}-bank_reference": "FT26330001"},
    ),
    Case(
        "seller_payments:transfer-resolve",
        allow=frozenset({"seller_a"}),
        get=False,
        kwargs=lambda w: {"pk": w.transfer_a.pk},
        post=lambda w: {f"t{w.transfer_a.pk}-payment": "", f"t{w.transfer_a.pk}-note": "Khách chuyển thiếu"},
    ),
    # --- officials' payment pages: commune X's accounts and transfers ---------------------------
    Case("official_payments:queue", allow=OFFICIALS),
    Case(
        "official_payments:account-decision",
        allow=DECIDE_X,
        get=False,
        kwargs=lambda w: {"pk": w.account_a_new.pk},
        post={"decision": "verify"},
    ),
    Case(
        "official_payments:payment-confirm",
        allow=DECIDE_X,
        get=False,
        kwargs=lambda w: {"pk": w.payment_a.pk},
        post=lambda w: {f"p{w.payment_a.pk}-bank_reference": "FT26330002"},
    ),
    Case(
        "official_payments:transfer-resolve",
        allow=DECIDE_X,
        get=False,
        kwargs=lambda w: {"pk": w.transfer_a.pk},
        post=lambda w: {f"t{w.transfer_a.pk}-payment": "", f"t{w.transfer_a.pk}-note": "Đã gọi người mua"},
    ),
    # --- the operator's payouts and refunds ------------------------------------------------------
    Case("operator_payments:payouts", allow=STAFF),
    Case(
        "operator_payments:payout",
        allow=STAFF,
        get=False,
        kwargs=lambda w: {"seller_pk": w.seller_a.pk},
    ),
    Case("operator_payments:refund", allow=STAFF, kwargs=lambda w: {"number": w.order_pay.number}),
    # --- training --------------------------------------------------------------------------------
    Case("training:mine", allow=SIGNED_IN, deny=frozenset({"anonymous"})),
    Case(
        "training:lesson-done",
        allow=SIGNED_IN,
        deny=frozenset({"anonymous"}),
        get=False,
        kwargs=lambda w: {"pk": w.lesson.pk},
        post={},
    ),
    Case(
        "training:quiz",
        deny=frozenset({"anonymous"}),
        get=False,
        kwargs=lambda w: {"pk": w.lesson.pk},
        note="empty answers: sent back to the lesson",
    ),
    Case(
        "training:certificate",
        allow=frozenset({"seller_a"}) | DECIDE_X,
        kwargs=lambda w: {"code": w.completion_a.code},
        note="the learner's own, and the officials over the learner's commune",
    ),
    Case("training:verify", allow=EVERYONE, kwargs=lambda w: {"code": w.completion_a.code}),
    Case("training:verify", deny=EVERYONE, kwargs={"code": "KHONGCO"}, note="no such certificate: 404"),
    Case("training:officials", allow=OFFICIALS),
    Case("training:village-heads", allow=OFFICIALS),
    Case("training:village-head-new", allow=OFFICIALS),
    Case("training:village-heads-import", allow=OFFICIALS),
    Case(
        "training:village-head-edit",
        allow=DECIDE_X,
        kwargs=lambda w: {"pk": w.registry_head_x.pk},
        note="commune X's registry row",
    ),
    Case("training:staff", allow=OFFICIALS),
    Case("training:staff-new", allow=OFFICIALS),
    Case("training:staff-import", allow=OFFICIALS),
    Case("training:staff-edit", allow=DECIDE_X, kwargs=lambda w: {"pk": w.registry_staff_x.pk}),
    Case("training:session-new", allow=OFFICIALS),
    Case("training:session", allow=DECIDE_X, kwargs=lambda w: {"pk": w.session_x.pk}),
    Case("training:session-import", allow=DECIDE_X, kwargs=lambda w: {"pk": w.session_x.pk}),
    Case("training:import", allow=DECIDE_X, kwargs=lambda w: {"pk": w.import_x.pk}),
    Case("training:import-progress", allow=DECIDE_X, kwargs=lambda w: {"pk": w.import_x.pk}),
]
