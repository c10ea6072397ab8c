"""The operator's payment pages, under /dashboard/payments/ (staff only)."""

from django.urls import path

from .views import operator

app_name = "operator_payments"

urlpatterns = [
    path("payouts/", operator.payouts, name="payouts"),
    path("payouts/<int:seller_pk>/", operator.payout, name="payout"),
    path("orders/<str:number>/refund/", operator.refund, name="refund"),
]
