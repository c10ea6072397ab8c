from django.urls import path

from .views import officials, register

app_name = "officials"

urlpatterns = [
    path("", officials.queue, name="queue"),
    path("sellers/<int:pk>/", officials.seller_detail, name="seller"),
    path("certificates/<int:pk>/", officials.certificate_detail, name="certificate"),
    path("links/<int:pk>/<slug:decision>/", officials.external_link_decision, name="link-decision"),
    # The province's OCOP register.
    path("register/", register.home, name="register"),
    path("register/imports/<int:pk>/", register.import_detail, name="register-import"),
    path("register/<int:pk>/", register.subject_detail, name="register-subject"),
    path("register/<int:pk>/match/<int:seller_pk>/", register.match, name="register-match"),
    path("register/<int:pk>/unlink/", register.unlink, name="register-unlink"),
    path("register/<int:pk>/note/", register.note, name="register-note"),
]
