from django.urls import path

from .views import officials

app_name = "officials"

urlpatterns = [
    path("", officials.queue, name="queue"),
    path("sellers/<int:pk>/", officials.seller_detail, name="seller"),
    path("certificates/<int:pk>/", officials.certificate_detail, name="certificate"),
    path("links/<int:pk>/<slug:decision>/", officials.external_link_decision, name="link-decision"),
]
