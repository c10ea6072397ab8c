"""Public payment endpoints: bank and card webhooks, and the buyer's payment pages."""

from django.urls import path

from .views import checkout, webhooks

app_name = "payments"

urlpatterns = [
    path("webhooks/sepay/", webhooks.sepay, name="webhook-sepay"),
    path("webhooks/casso/", webhooks.casso, name="webhook-casso"),
    path("webhooks/stripe/", webhooks.stripe, name="webhook-stripe"),
    path("order/<str:token>/", checkout.pay, name="pay"),
    path("order/<str:token>/card-authenticated/", checkout.card_authenticated, name="card-authenticated"),
]
