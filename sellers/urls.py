from django.urls import path

from .views import auth, registration, workspace

app_name = "sellers"

urlpatterns = [
    path("", workspace.home, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    # Registration wizard (own) and assisted onboarding (on a household's behalf).
    path("register/", registration.start, name="register"),
    path("register/resume/", registration.resume, name="register-resume"),
    path("register/step/<int:step>/", registration.step, name="register-step"),
    path("register/review/", registration.review, name="register-review"),
    path("register/claim/", registration.claim, name="register-claim"),
    path("assist/", registration.assist_list, name="assist"),
    path("assist/new/", registration.assist_start, name="assist-new"),
    path("assist/<int:seller_pk>/", registration.resume, name="assist-resume"),
    path("assist/<int:seller_pk>/step/<int:step>/", registration.step, name="assist-step"),
    path("assist/<int:seller_pk>/review/", registration.review, name="assist-review"),
    path("assist/<int:seller_pk>/claim/", registration.claim, name="assist-claim"),
    # Workspace of a verified seller.
    path("products/", workspace.product_list, name="products"),
    path("products/new/", workspace.product_form, name="product-new"),
    path("products/<int:pk>/", workspace.product_form, name="product-edit"),
    path("products/<int:pk>/visibility/", workspace.product_visibility, name="product-visibility"),
    path("orders/", workspace.order_list, name="orders"),
    path("orders/<int:pk>/", workspace.order_detail, name="order"),
    path("orders/<int:pk>/<slug:action>/", workspace.order_action, name="order-action"),
    path("certificates/", workspace.certificate_list, name="certificates"),
    path("certificates/new/", workspace.certificate_add, name="certificate-new"),
    path("links/", workspace.external_links, name="links"),
    path("links/<int:pk>/remove/", workspace.external_link_remove, name="link-remove"),
]
