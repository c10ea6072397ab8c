from django.urls import path  # noqa: F401

app_name = "seller_payments"

urlpatterns = []
