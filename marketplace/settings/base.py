"""Settings shared by every environment; values come from the environment (django-environ)."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's documented way to get its defaults)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    # dev.py and test.py set a throwaway key; every other environment must bring its own.
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable to 50+ random characters "
        "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        "or use DJANGO_SETTINGS_MODULE=marketplace.settings.dev for the local demo."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Reuse connections across requests (a new PostgreSQL connection costs several ms per request).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded demo database takes one writer at a time: a request's transaction asks for
    # the write lock when it begins (IMMEDIATE, so it never fails half-way on an upgrade) and
    # waits up to 20 s for it instead of answering "database is locked" (WAL: core/apps.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.postgres",  # trigram and unaccent lookups for catalogue search (inert on SQLite)
    # Oscar: forked apps replace their stock counterparts in place.
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "marketplace.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "marketplace.shipping.apps.ShippingConfig",
    "marketplace.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "marketplace.partner.apps.PartnerConfig",
    "marketplace.basket.apps.BasketConfig",  # lines loaded with seller and product class
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "marketplace.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "marketplace.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "marketplace.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "marketplace.dashboard.orders.apps.OrdersDashboardConfig",  # a seller sees only its own lines
    "marketplace.dashboard.catalogue.apps.CatalogueDashboardConfig",  # photo checks, safe widgets
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    # Wagtail (CMS at /cms/)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Ours
    "marketplace.core",
    "sellers",
    "payments",
    "cms",
    "marketplace.indicators",
    "marketplace.demo",
    "axes",  # login throttling (security block below)
    "marketplace.security",  # guards, CSP, site address from SITE_URL (docs/security.md)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "marketplace.security.guards.RejectNulBytesMiddleware",  # before any view queries PostgreSQL
    "marketplace.security.guards.ContentSecurityPolicyMiddleware",  # CSP header, request.csp_nonce
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "marketplace.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
    # Speed: shared cache of read pages, personal parts filled per request. Last, so
    # the session, user, CSRF, messages and basket above are ready when a hit is served.
    "marketplace.catalogue.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "marketplace.security.guards.ThrottledLoginBackend",  # first: refuses locked accounts and IPs
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

SITE_ID = 1
# The public address buyers reach (e-mails link to it; `migrate` writes it into the Site records).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (favicon.ico): served by whitenoise before any view.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Phone photos are often several MB; larger uploads are refused by the image validators.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Speed: read pages cached for everybody (marketplace/catalogue/pagecache.py).
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Chợ OCOP Điện Biên <no-reply@ocop-dienbien.vn>")

# Celery (broker and results in Redis).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Indicators: a commune more than this many points behind this year's trajectory is "lagging".
INDICATOR_ALERT_POINTS = env.int("INDICATOR_ALERT_POINTS", default=10)
# A share falling more than this many points in a month is flagged by the validation rules.
INDICATOR_DROP_POINTS = env.int("INDICATOR_DROP_POINTS", default=10)

# --- Durable background work (marketplace/core/outbox.py, docs/reliability.md) ---
# Work is recorded in the database outbox and relayed to the broker; tasks are acknowledged
# after they ran, so a message held by a killed worker is delivered again after the
# visibility timeout (each task runs once per message: see DurableTask).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600)}
OUTBOX_RELAY_SECONDS = env.float("OUTBOX_RELAY_SECONDS", default=5.0)
OUTBOX_PUBLISH_TIMEOUT = 2.0  # seconds: connect/send to the broker right after a commit
OUTBOX_BACKOFF_SECONDS = 30  # after a failed send, requests leave the work to the relay this long
# --- end durable background work ---

# The address buyers and sellers write to (site footer).
SITE_CONTACT_EMAIL = env("SITE_CONTACT_EMAIL", default="hotro@ocop-dienbien.vn")

# Text messages to sellers: a class with send(phone, text); the default only logs them.
SMS_BACKEND = env("SMS_BACKEND", default="marketplace.core.sms.LoggingBackend")

# Stripe (card payments). Tests point STRIPE_API_BASE at localstripe on loopback.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="sk_test_local")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="pk_test_local")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="whsec_local")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")

# --- Payments (payments/, docs/payments.md) ---------------------------------------------------
# Methods offered at checkout, in this order; each is one module of payments/methods/.
PAYMENT_METHODS = [
    "payments.methods.cod.CashOnDelivery",
    "payments.methods.vietqr.VietQRTransfer",
    "payments.methods.stripe.StripeCard",
]
STRIPE_JS_URL = env("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
# Bank-transfer notifications: SePay sends "Authorization: Apikey <key>"; Casso signs with a key.
SEPAY_API_KEY = env("SEPAY_API_KEY", default="")
CASSO_WEBHOOK_KEY = env("CASSO_WEBHOOK_KEY", default="")
CASSO_MAX_AGE_SECONDS = env.int("CASSO_MAX_AGE_SECONDS", default=300)
VIETQR_EXPIRY_HOURS = env.int("VIETQR_EXPIRY_HOURS", default=24)
PAYMENTS_COMMISSION_RATE = env("PAYMENTS_COMMISSION_RATE", default="0")  # e.g. 0.05 for 5 %
# --- end payments ------------------------------------------------------------------------------

# Periodic work (Celery beat), all of it in one place.
CELERY_BEAT_SCHEDULE = {
    # Expired OCOP certificates stop counting and their badge disappears (read time checks too).
    "expire-ocop-certificates": {
        "task": "sellers.tasks.expire_certificates",
        "schedule": crontab(hour=0, minute=5),
    },
    # Indicators: nightly snapshot (yesterday final, today so far), monthly alerts.
    "indicator-snapshot": {
        "task": "marketplace.indicators.tasks.snapshot_daily",
        "schedule": crontab(hour=0, minute=20),
    },
    "indicator-alerts": {
        "task": "marketplace.indicators.tasks.monthly_alerts",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
    "back-in-stock-alerts": {
        "task": "marketplace.catalogue.tasks.send_back_in_stock_alerts",
        "schedule": 15 * 60,
    },
    # The outbox: relay what a broker outage left behind; forget what was sent long ago.
    "relay-outbox": {
        "task": "marketplace.core.tasks.relay_outbox",
        "schedule": OUTBOX_RELAY_SECONDS,
        "options": {"expires": OUTBOX_RELAY_SECONDS * 2},  # relays queued during an outage pile up otherwise
    },
    "prune-outbox": {
        "task": "marketplace.core.tasks.prune_outbox",
        "schedule": crontab(hour=3, minute=15),
    },
    "expire-unpaid-vietqr-transfers": {
        "task": "payments.tasks.expire_unpaid_transfers",
        "schedule": crontab(minute="*/10"),
    },
}

# Keyed hash for citizen IDs (DESIGN §7). Separate from SECRET_KEY so it can be rotated apart.
CITIZEN_ID_HASH_KEY = env("CITIZEN_ID_HASH_KEY", default=SECRET_KEY)

# Oscar
OSCAR_SHOP_NAME = "Chợ OCOP Điện Biên"
OSCAR_SHOP_TAGLINE = _("Sản phẩm OCOP Điện Biên")
OSCAR_DEFAULT_CURRENCY = "VND"
# VND has no minor unit: always "125.000 ₫", whatever the interface language.
OSCAR_CURRENCY_FORMAT = {"VND": {"format": "#,##0\xa0¤", "locale": "vi", "currency_digits": True}}
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
# Back-in-stock alerts by a periodic job (catalogue.tasks), not on every stock record save.
OSCAR_EAGER_ALERTS = False
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_SLUG_ALLOW_UNICODE = False
# Oscar's ASCII slugs turn "Điện" into "u0110ien": map đ first, the rest folds by itself.
OSCAR_SLUG_MAP = {"đ": "d", "Đ": "D"}
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "country")
OSCAR_HIDDEN_FEATURES = ["wishlists"]
OSCAR_THUMBNAILER = "marketplace.catalogue.thumbnailer.WebpThumbnailer"
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# Wagtail
WAGTAIL_SITE_NAME = "Chợ OCOP Điện Biên"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_URL)
WAGTAIL_I18N_ENABLED = False
# No avatar fetched from gravatar.com (broken offline, leaks a hash of the editor's e-mail to a
# third party); page slugs without diacritics ("phien-cho", not "phiên-chợ").
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "webp", "jpeg": "webp", "png": "webp", "webp": "webp"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Security (docs/security.md) ----------------------------------------------------
# Login throttling with django-axes: failures are counted per account and, separately, per IP,
# in the database (shared by every app server); a locked login opens again after the cool-off.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # lockouts are still logged as warnings
AXES_LOCKOUT_CALLABLE = "marketplace.security.guards.locked_out"
# Behind PROXY_COUNT proxies, the client's address is read from X-Forwarded-For; with none, only
# the socket address counts (a client could otherwise pick its own IP in that header).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"] if PROXY_COUNT else []
AXES_IPWARE_META_PRECEDENCE_ORDER += ["REMOTE_ADDR"]
# Axes logs every successful login at INFO; lockouts (WARNING) are what operators need to see.
LOGGING.setdefault("loggers", {})["axes"] = {"handlers": ["console"], "level": "WARNING", "propagate": False}

# Content-Security-Policy (marketplace.security.guards.ContentSecurityPolicyMiddleware). A page
# that needs another host (a payment provider's script, media on S3) adds it here, by directive.
CSP_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],  # + the response's nonce outside the staff areas
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],  # style="" attributes (a progress bar's width)
    "img-src": ["'self'", "data:", "blob:", *env.list("CSP_IMG_SRC", default=[])],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Staff areas draw inline scripts and styles of their own (Oscar dashboard, Django admin, Wagtail
# admin with its same-origin preview frame): these directives replace the ones above there.
CSP_STAFF_PATHS = ["/dashboard/", "/admin/", "/cms/"]
CSP_STAFF_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-ancestors": ["'self'"],
}
# The Wagtail admin calls no third party: no Gravatar (WAGTAIL_GRAVATAR_PROVIDER_URL above), no
# check for new releases (both would also break the policy above).
WAGTAIL_ENABLE_UPDATE_CHECK = False
