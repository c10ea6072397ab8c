from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from marketplace.indicators import views as indicator_views
from sellers.views.shop import SellerShopView

urlpatterns = [
    # The Wagtail home page is the shop's front door; listed before Oscar's "" redirect.
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    # Stock Oscar/Wagtail URLs closed or repaired (docs/security.md): before their own.
    path("", include("marketplace.security.urls")),
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("shop/<slug:slug>/", SellerShopView.as_view(), name="seller-shop"),
    path("", include("marketplace.order.urls")),
    path("seller/", include("sellers.urls")),
    # --- indicators: officials' dashboard and the public progress page
    path("officials/indicators/", include("marketplace.indicators.urls")),
    path("chi-tieu/", indicator_views.public, name="indicators-public"),
    # ---
    path("officials/", include("sellers.official_urls")),
    # Payments (docs/payments.md): webhooks and buyers' pay pages; sellers', officials' and the
    # operator's payment pages. Listed before Oscar's catch-all and Wagtail.
    path("payments/", include("payments.urls")),
    path("seller/payments/", include("payments.seller_urls")),
    path("officials/payments/", include("payments.official_urls")),
    path("dashboard/payments/", include("payments.operator_urls")),
    # Training: learner actions, certificates and their public verification, officials' records.
    path("training/", include("cms.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every remaining path (courses, news), so it comes last.
urlpatterns += [path("", include(wagtail_urls))]

# A bad Host header stops the middleware early: the 400 page renders without the request.
handler400 = "marketplace.core.errors.bad_request"
