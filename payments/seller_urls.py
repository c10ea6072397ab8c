"""A seller's payment pages, under /seller/payments/."""

from django.urls import path

from .views import seller

app_name = "seller_payments"

urlpatterns = [
    path("", seller.accounts, name="accounts"),
    path("accounts/<int:pk>/disable/", seller.account_disable, name="account-disable"),
    path("ledger/", seller.ledger, name="ledger"),
    path("transfers/", seller.transfers_page, name="transfers"),
    path("transfers/payment/<int:pk>/confirm/", seller.payment_confirm, name="payment-confirm"),
    path("transfers/<int:pk>/resolve/", seller.transfer_resolve, name="transfer-resolve"),
]
