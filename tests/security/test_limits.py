"""Every free-text field has a maximum length (defect 11): a 2 MB story is a form error, and a
form class of ours with an unbounded text field fails here before it reaches users."""

import importlib
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

from sellers.models import Seller
from tests.sellers.conftest import make_submitted_seller

ROOT = Path(__file__).resolve().parents[2]
OUR_PACKAGES = ["marketplace", "sellers", "payments", "cms"]


def _our_form_modules():
    for package in OUR_PACKAGES:
        for path in (ROOT / package).rglob("forms.py"):
            if ".venv" in path.parts:
                continue
            yield ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _our_form_classes():
    for module_name in _our_form_modules():
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module_name
            ):
                yield value


FORM_CLASSES = list(_our_form_classes())


def test_the_form_classes_are_found():
    names = {cls.__name__ for cls in FORM_CLASSES}
    assert {"StoryForm", "DecisionForm", "ProductForm", "ShippingAddressForm"} <= names


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_text_field_of_our_forms_has_a_maximum_length(form_class):
    unbounded = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField) and not field.max_length
    ]
    assert unbounded == [], f"{form_class.__name__}: give {unbounded} a max_length"


@pytest.mark.django_db
def test_a_two_megabyte_story_is_a_form_error_and_the_draft_keeps_its_story(client):
    seller = make_submitted_seller("0912000501")
    Seller.objects.filter(pk=seller.pk).update(status=Seller.Status.CHANGES_REQUESTED)
    client.force_login(seller.user)
    url = reverse("sellers:register-step", kwargs={"step": 6})
    response = client.post(url, {"story": "Chè " * 700_000})
    assert response.status_code == 200
    assert response.context["form"].errors["story"]
    seller.refresh_from_db()
    assert seller.story == "Chè Shan Tuyết cổ thụ."
