"""The seller's own mobile workspace: its status, products, orders, certificates, shops on other
platforms and sales."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.catalogue import selectors as catalogue_selectors
from marketplace.catalogue import services as catalogue_services
from marketplace.order import fulfilment
from marketplace.order import selectors as order_selectors

from .. import forms, selectors, services
from .access import posted, shop_required


def home(request):
    seller = selectors.seller_for_user(request.user)
    context = {"seller": seller, "can_assist": services.can_assist(request.user)}
    if seller is not None and seller.status == seller.Status.VERIFIED:
        context["figures"] = order_selectors.seller_sales_figures(seller)
        context["recent_parts"] = order_selectors.parts_of_seller(seller)[:5]
        context["external_link_count"] = selectors.external_links_of(seller).count()
    return render(request, "sellers/home.html", context)


@shop_required
def product_list(request, seller):
    return render(
        request,
        "sellers/product_list.html",
        {"seller": seller, "products": catalogue_selectors.products_of_seller(seller)},
    )


@require_POST
@shop_required
def product_visibility(request, seller, pk):
    """Hide a product from buyers (out of season, paused) or show it again; it is never deleted."""
    product = get_object_or_404(catalogue_selectors.products_of_seller(seller), pk=pk)
    visible = request.POST.get("visible") == "1"
    catalogue_services.set_product_visible(seller, product, visible)
    if visible:
        messages.success(request, _("“%(title)s” đã hiện lại cho người mua.") % {"title": product.title})
    else:
        messages.success(
            request, _("Đã ẩn “%(title)s”. Người mua không thấy sản phẩm này nữa.") % {"title": product.title}
        )
    return redirect("sellers:products")


@shop_required
def product_form(request, seller, pk=None):
    product = get_object_or_404(catalogue_selectors.products_of_seller(seller), pk=pk) if pk else None
    initial = {}
    if product is not None:
        record = catalogue_selectors.stock_record_of(seller, product)
        initial = {
            "title": product.title,
            "description": product.description,
            "product_group": product.product_group,
            "weight_grams": product.weight_grams,
            "price": int(record.price) if record and record.price is not None else None,
            "stock": record.num_in_stock if record else 0,
        }
    form = forms.ProductForm(*posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            catalogue_services.save_product(
                seller,
                product=product,
                title=data["title"],
                description=data["description"],
                product_group=data["product_group"],
                price=data["price"],
                stock=data["stock"],
                weight_grams=data["weight_grams"],
                photo=data["photo"] or None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu sản phẩm “%(title)s”.") % {"title": data["title"]})
            return redirect("sellers:products")
    context = {"seller": seller, "form": form, "product": product}
    return render(request, "sellers/product_form.html", context)


@shop_required
def order_list(request, seller):
    parts = order_selectors.parts_of_seller(seller)
    return render(request, "sellers/order_list.html", {"seller": seller, "parts": parts})


def _own_part(seller, pk):
    part = order_selectors.part_of_seller(seller, pk)
    if part is None:
        raise Http404
    return part


@shop_required
def order_detail(request, seller, pk):
    part = _own_part(seller, pk)
    context = {
        "seller": seller,
        "part": part,
        "lines": order_selectors.lines_of_part(part),
        "address": part.order.shipping_address,
        "ship_form": forms.ShipForm(initial={"carrier": part.carrier, "tracking_code": part.tracking_code}),
    }
    return render(request, "sellers/order_detail.html", context)


@require_POST
@shop_required
def order_action(request, seller, pk, action):
    part = _own_part(seller, pk)
    try:
        if action == "packed":
            fulfilment.mark_packed(part, request.user)
        elif action == "shipped":
            form = forms.ShipForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Hãy ghi đơn vị vận chuyển."))
            fulfilment.mark_shipped(part, request.user, **form.cleaned_data)
        elif action == "delivered":
            fulfilment.mark_delivered(part, request.user)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã cập nhật đơn hàng."))
    return redirect("sellers:order", pk=part.pk)


@shop_required
def certificate_list(request, seller):
    context = {"seller": seller, "certificates": selectors.certificates_of(seller)}
    return render(request, "sellers/certificate_list.html", context)


@shop_required
def certificate_add(request, seller):
    form = forms.CertificateForm(*posted(request), seller=seller)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        products = data.pop("products")
        try:
            services.add_certificate(seller, products=products, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi chứng nhận để cán bộ xác minh."))
            return redirect("sellers:certificates")
    return render(request, "sellers/certificate_form.html", {"seller": seller, "form": form})


@shop_required
def external_links(request, seller):
    """The seller's shops on other platforms (Shopee, Facebook…): add one, see if it is confirmed."""
    form = forms.ExternalShopLinkForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            services.add_external_link(seller, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã thêm. Cán bộ xã sẽ kiểm tra và xác nhận."))
            return redirect("sellers:links")
    context = {"seller": seller, "form": form, "links": selectors.external_links_of(seller)}
    return render(request, "sellers/external_links.html", context)


@require_POST
@shop_required
def external_link_remove(request, seller, pk):
    link = get_object_or_404(selectors.external_links_of(seller), pk=pk)
    services.remove_external_link(seller, link)
    messages.success(request, _("Đã gỡ %(link)s.") % {"link": link.get_platform_display()})
    return redirect("sellers:links")
