"""Request-level guards that every page shares: login throttling (django-axes), NUL bytes in
URLs refused, and the Content-Security-Policy header. See docs/security.md."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import render


class ThrottledLoginBackend(AxesStandaloneBackend):
    """django-axes' check, skipped only where no request exists to throttle.

    Oscar signs a new buyer in right after creating the account by calling ``authenticate``
    without a request; axes would raise there. Every login form passes its request, so every
    password typed into the site is still counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """The page shown while an account or an IP is locked (HTTP 429, in Vietnamese)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "security/locked_out.html", {"minutes": minutes}, status=429)
