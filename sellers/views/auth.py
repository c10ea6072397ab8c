"""Log in with a phone number (households) or an e-mail address (officials, staff)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse

from ..forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "sellers/login.html"
    authentication_form = LoginForm

    def get_default_redirect_url(self):
        if hasattr(self.request.user, "official_profile"):
            return reverse("officials:queue")
        return reverse("sellers:home")


class LogoutView(auth_views.LogoutView):
    next_page = "sellers:home"
