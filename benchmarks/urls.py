"""The project's URLs plus two benchmark-only pages: an empty view and stock Oscar's listing."""

from types import SimpleNamespace

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, re_path
from django.views.static import serve
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from marketplace.urls import urlpatterns as project_urlpatterns

Product = get_model("catalogue", "Product")


def empty(request):
    """The ceiling: Django's full middleware stack and nothing else."""
    return HttpResponse(b"ok", content_type="text/plain")


def oscar_list(request):
    """Stock Oscar's listing fed from the database, as DESIGN §6 measured it.

    `Product.objects.browsable().base_queryset()`, 20 per page, rendered with Oscar's own
    `oscar/catalogue/browse.html` and its product partial (engine `oscar_stock` sees only
    Oscar's templates). The only change: the products block includes Oscar's partial
    directly instead of `{% render_product product.object %}` (that tag would pick our
    override from the default engine); each card still runs Oscar's per-product purchase-info
    and review lookups.
    """
    paginator = Paginator(Product.objects.browsable().base_queryset(), 20)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "products": [SimpleNamespace(object=p) for p in page.object_list],
        "paginator": paginator,
        "page_obj": page,
        "summary": "All products",
        "has_facets": False,
    }
    return render(request, "bench/oscar_browse.html", context, using="oscar_stock")


class OscarProductView(oscar_views.ProductDetailView):
    """Stock Oscar's product page (its view class and templates, view-counter signal included)."""

    template_engine = "oscar_stock"
    enforce_paths = False


urlpatterns = [
    path("bench/empty/", empty),
    path("bench/oscar-list/", oscar_list),
    path("bench/oscar-product/<int:pk>/", OscarProductView.as_view()),
    # The demo photos for the Lighthouse run (DEBUG is off, so Django would not serve them).
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *project_urlpatterns,
]
