"""Public catalogue pages: list and search, product page, traceability and label (a seller's
public shop page: sellers/views/shop.py).

Every page reads through selectors in a fixed number of queries and writes nothing on GET.
Stock Oscar's product page sends `product_viewed`, whose analytics receiver UPDATEs a view
counter on every request; this view does not send it (see ProductDetailView.send_signal).
"""

from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from oscar.apps.catalogue import views as oscar_views

from marketplace.core.ocop import ProductGroup
from marketplace.core.qr import qr_svg

from . import personal, selectors
from .forms import SORT_CHOICES, CatalogueFilterForm


class CatalogueView(ListView):
    """Browse and search in one: facets, sorting and accent-insensitive search from the database."""

    template_name = "oscar/catalogue/browse.html"
    context_object_name = "products"
    paginate_by = 24
    category = None

    def get(self, request, *args, **kwargs):
        self.form = CatalogueFilterForm(request.GET or None)
        if self.form.is_bound and not self.form.is_valid():
            messages.warning(request, _("Một số bộ lọc không hợp lệ nên đã được bỏ qua."))
        self.filters = self.form.filters(category_id=self.category.pk if self.category else None)
        # One "today" for counts, list and cards, so a rating expiring at midnight agrees.
        self.today = timezone.localdate()
        # Counts first: they also tell whether a search must fall back to typo tolerance.
        self.counts = selectors.facet_counts(self.filters, self.today)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.search_catalogue(self.filters, self.today, fuzzy=self.counts["fuzzy"])

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.count = self.counts["total"]  # already counted (and cached): no COUNT(*) query
        return paginator

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        counts = self.counts
        params = self.request.GET.copy()
        params.pop("page", None)
        ctx.update(
            form=self.form,
            filters=self.filters,
            facets=counts,
            groups=[(code, label, counts["groups"].get(code, 0)) for code, label in ProductGroup.choices],
            star_levels=sorted(counts["stars"].items(), reverse=True),
            sort_choices=SORT_CHOICES,
            query_string=params.urlencode(),
            category=self.category,
            summary=self.filters.q,
            today=self.today,
        )
        return ctx


class ProductCategoryView(CatalogueView):
    def get(self, request, *args, **kwargs):
        self.category = selectors.category(kwargs["pk"])
        if self.category is None or not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if expected != request.path:
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)


class ProductDetailView(oscar_views.ProductDetailView):
    template_name = "oscar/catalogue/detail.html"

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        product = selectors.product_for_page(self.kwargs["pk"])
        if product is None:
            raise Http404
        return product

    def send_signal(self, request, response, product):
        """No `product_viewed`: its receiver writes a counter row on every GET (DESIGN §6)."""

    def get_context_data(self, **kwargs):
        ctx = DetailView.get_context_data(self, **kwargs)
        product = self.object
        ctx.update(
            today=timezone.localdate(),
            certificates=list(selectors.certificates_for(product)),
            reviews=list(selectors.approved_reviews(product)),
            images=list(product.images.all()),
        )
        records = product.stockrecords.all()  # prefetched: the units-left holes need no query
        if records:
            units = personal.units_of(records[0])
            personal.remember_units_left(self.request, product.pk, units)
            personal.store_units_left(product.pk, units)
        return ctx


def _trace_url(request, product):
    return request.build_absolute_uri(reverse("catalogue:trace", kwargs={"pk": product.pk}))


class TraceabilityView(DetailView):
    """Public page a package's QR code opens: origin, producer, certificate and its validity."""

    template_name = "oscar/catalogue/trace.html"
    context_object_name = "product"

    def get_object(self, queryset=None):
        product = selectors.product_for_page(self.kwargs["pk"])
        # product_for_page already requires a verified seller (so a seller is always set).
        if product is None or not product.is_public:
            raise Http404
        return product

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(today=timezone.localdate(), certificates=list(selectors.certificates_for(self.object)))
        return ctx


class LabelView(TraceabilityView):
    """Printable package label with the traceability QR code (SVG, no image request)."""

    template_name = "oscar/catalogue/label.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        url = _trace_url(self.request, self.object)
        ctx.update(trace_url=url, qr_svg=qr_svg(url, title=self.object.title))
        return ctx
