"""Public payment endpoints: bank and card webhooks, and the buyer's payment pages."""

from django.urls import path

from .views import checkout, webhooks

app_name = "payments"

urlpatterns = [
    path("webhooks/<slug:provider>/", webhooks.notification, name="webhook"),
    path("order/<str:token>/card-authenticated/", checkout.card_authenticated, name="card-authenticated"),
]
