"""The registration wizard: one short form per step, each saved on the draft seller at once.

A household registers itself (``seller_pk`` absent) or a village head / official registers
it on its behalf (``seller_pk`` present and ``assisted_by`` = that helper). The wizard resumes
at the step after the last one saved, whatever device or session the user comes back on.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import forms, selectors, services
from ..models import RegisterSubject, Seller
from ..register import matching
from ..register import services as register_services
from .access import posted, seller_being_registered

# The wizard's steps are the services' STEP_* numbers; the review page comes after the last.
REVIEW_STEP = services.LAST_STEP + 1
STEP_NAMES = {
    services.STEP_ACCOUNT: gettext_lazy("Tài khoản"),
    services.STEP_SHOP: gettext_lazy("Cơ sở"),
    services.STEP_REPRESENTATIVE: gettext_lazy("Người đại diện"),
    services.STEP_CONSENT: gettext_lazy("Đồng ý"),
    services.STEP_IDENTITY: gettext_lazy("Giấy tờ"),
    services.STEP_STORY: gettext_lazy("Câu chuyện"),
    REVIEW_STEP: gettext_lazy("Gửi hồ sơ"),
}


def _url(name, seller_pk, **kwargs):
    if seller_pk is not None:
        return reverse(f"sellers:assist-{name}", kwargs={"seller_pk": seller_pk, **kwargs})
    return reverse(f"sellers:register-{name}", kwargs=kwargs)


def _next_url(seller, seller_pk):
    step = min(seller.wizard_step + 1, REVIEW_STEP)
    if step == REVIEW_STEP:
        return _url("review", seller_pk)
    return _url("step", seller_pk, step=step)


def _progress(step):
    return {
        "step": step,
        "step_count": REVIEW_STEP,
        "step_name": STEP_NAMES[step],
        "percent": round(100 * step / REVIEW_STEP),
    }


def start(request):
    """Step 1 for a new household: phone, password, commune -> account, login, draft seller."""
    seller = selectors.seller_for_user(request.user)
    if seller is not None:
        return redirect(_next_url(seller, None) if seller.status in services.EDITABLE else "sellers:home")
    form = forms.AccountForm(posted(request)[0])
    if request.user.is_authenticated:
        form.fields.pop("password")
        form.fields.pop("email")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.user.is_authenticated:
                seller = services.start_seller(
                    user=request.user, commune=data["commune"], phone=data["phone"]
                )
            else:
                seller = services.register(
                    phone=data["phone"],
                    password=data["password"],
                    email=data["email"],
                    commune=data["commune"],
                )
                login(request, seller.user, backend="django.contrib.auth.backends.ModelBackend")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_next_url(seller, None))
    return render(request, "sellers/register_step.html", {"form": form, **_progress(services.STEP_ACCOUNT)})


@login_required(login_url="sellers:login")
def assist_list(request):
    if not services.can_assist(request.user):
        raise PermissionDenied
    return render(request, "sellers/assist_list.html", {"sellers": selectors.assisted_sellers(request.user)})


@login_required(login_url="sellers:login")
def assist_start(request):
    """Step 1 done by a village head or official for a household (who keeps the password)."""
    if not services.can_assist(request.user):
        raise PermissionDenied
    # Started from the outreach worklist: the register's row prefills and is linked (claimed).
    subject = None
    register_pk = request.GET.get("register") or request.POST.get("register")
    if register_pk and str(register_pk).isdigit():
        subject = RegisterSubject.objects.filter(pk=register_pk, seller__isnull=True).first()
    initial = {"commune": subject.commune_id, "phone": subject.phone} if subject else None
    form = forms.AccountForm(posted(request)[0], initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                seller = services.register(
                    phone=data["phone"],
                    password=data["password"],
                    email=data["email"],
                    commune=data["commune"],
                    assisted_by=request.user,
                )
                if subject is not None:
                    register_services.link_assisted(subject, seller, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_next_url(seller, seller.pk))
    context = {"form": form, "assisting": True, "subject": subject, **_progress(services.STEP_ACCOUNT)}
    return render(request, "sellers/register_step.html", context)


def _step_form(step, seller, data, files):
    if step == services.STEP_ACCOUNT:  # the account exists; only the commune can change
        return forms.CommuneForm(data, instance=seller)
    if step == services.STEP_SHOP:
        return forms.ShopForm(data, instance=seller)
    if step == services.STEP_REPRESENTATIVE:
        return forms.RepresentativeForm(data, instance=seller)
    if step == services.STEP_CONSENT:
        initial = {
            "consent": seller.personal_data_consent_at is not None,
            "publish_ethnic_group": seller.publish_ethnic_group,
        }
        return forms.ConsentForm(data, initial=initial)
    if step == services.STEP_IDENTITY:
        initial = {
            "ethnic_group": seller.rep_ethnic_group_id,
            "business_registration_no": seller.business_registration_no,
        }
        return forms.IdentityForm(data, initial=initial)
    return forms.StoryForm(data, files, instance=seller)


def _save_step(step, seller, data):
    if step == services.STEP_ACCOUNT:
        return services.save_step(seller, step, commune=data["commune"])
    if step == services.STEP_SHOP:
        return services.save_shop(seller, **data)
    if step == services.STEP_REPRESENTATIVE:
        return services.save_step(seller, step, **data)
    if step == services.STEP_CONSENT:
        return services.record_consent(seller, publish_ethnic_group=data["publish_ethnic_group"])
    if step == services.STEP_IDENTITY:
        return services.save_identity(
            seller,
            ethnic_group=data["ethnic_group"],
            citizen_id=data["citizen_id"],
            business_registration_no=data["business_registration_no"],
        )
    photo = data["story_photo"] or ""
    return services.save_step(seller, services.STEP_STORY, story=data["story"], story_photo=photo)


@login_required(login_url="sellers:login")
def step(request, step, seller_pk=None):
    seller = seller_being_registered(request, seller_pk)
    if seller.status not in services.EDITABLE:
        return redirect("sellers:home" if seller_pk is None else "sellers:assist")
    if not services.STEP_ACCOUNT <= step <= min(seller.wizard_step + 1, services.LAST_STEP):
        return redirect(_next_url(seller, seller_pk))
    form = _step_form(step, seller, *posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            _save_step(step, seller, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            seller.refresh_from_db()
        else:
            target = step + 1
            if target == REVIEW_STEP:
                return redirect(_url("review", seller_pk))
            return redirect(_url("step", seller_pk, step=target))
    context = {
        "form": form,
        "seller": seller,
        "assisting": seller_pk is not None,
        "claim_url": _url("claim", seller_pk) if step == services.STEP_SHOP else "",
        "back_url": _url("step", seller_pk, step=step - 1) if step > services.STEP_ACCOUNT else None,
        "citizen_id_saved": step == services.STEP_IDENTITY and bool(seller.rep_citizen_id_last4),
        **_progress(step),
    }
    return render(request, "sellers/register_step.html", context)


@login_required(login_url="sellers:login")
def review(request, seller_pk=None):
    seller = seller_being_registered(request, seller_pk)
    if seller.status not in services.EDITABLE:
        return redirect("sellers:home" if seller_pk is None else "sellers:assist")
    error = None
    if request.method == "POST":
        try:
            services.submit_registration(seller)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Đã gửi hồ sơ. Cán bộ xã sẽ xác minh và báo cho bạn qua tin nhắn."))
            return redirect("sellers:home" if seller_pk is None else "sellers:assist")
    context = {
        "seller": seller,
        "error": error,
        "missing": services.missing_for_submission(seller),
        "assisting": seller_pk is not None,
        "back_url": _url("step", seller_pk, step=services.LAST_STEP),
        "edit_urls": [
            (STEP_NAMES[i], _url("step", seller_pk, step=i))
            for i in range(services.STEP_ACCOUNT, REVIEW_STEP)
        ],
        "is_changes_requested": seller.status == Seller.Status.CHANGES_REQUESTED,
        **_progress(REVIEW_STEP),
    }
    return render(request, "sellers/register_review.html", context)


@login_required(login_url="sellers:login")
def resume(request, seller_pk=None):
    seller = seller_being_registered(request, seller_pk)
    return redirect(_next_url(seller, seller_pk))


@login_required(login_url="sellers:login")
def claim(request, seller_pk=None):
    """ "Find your OCOP entry": a registering household picks its row of the province's register."""
    seller = seller_being_registered(request, seller_pk)
    if request.method == "POST":
        subject = RegisterSubject.objects.filter(pk=request.POST.get("subject") or 0).first()
        if subject is None:
            messages.error(request, _("Không tìm thấy cơ sở này trong danh sách."))
        else:
            try:
                register_services.claim(subject, seller)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Đã nhận “%(name)s”. Thông tin đã được điền sẵn; cán bộ xã sẽ xác nhận.")
                    % {"name": subject.name},
                )
                return redirect(_next_url(seller, seller_pk))
    query = request.GET.get("q", "").strip()[:80]
    context = {
        "seller": seller,
        "subjects": matching.subjects_to_find(seller, query),
        "query": query,
        "assisting": seller_pk is not None,
        "skip_url": _next_url(seller, seller_pk),
    }
    return render(request, "sellers/register_claim.html", context)
