"""Officials' payment pages, under /officials/payments/."""

from django.urls import path

from .views import officials

app_name = "official_payments"

urlpatterns = [
    path("", officials.queue, name="queue"),
    path("accounts/<int:pk>/", officials.account_decision, name="account-decision"),
    path("payment/<int:pk>/confirm/", officials.payment_confirm, name="payment-confirm"),
    path("transfers/<int:pk>/resolve/", officials.transfer_resolve, name="transfer-resolve"),
]
