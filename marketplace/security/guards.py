"""Request-level guards that every page shares: login throttling (django-axes), NUL bytes in
URLs refused, and the Content-Security-Policy header. See docs/security.md."""

import secrets
from urllib.parse import urlsplit

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


class RejectNulBytesMiddleware:
    """A NUL byte in the path or query string is a 400 before any view sees it.

    PostgreSQL cannot store or compare text containing NUL, so every view that looks up a
    slug, order number or search term from the URL would fail with a DataError (a 500).
    Form fields refuse NUL on their own (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return HttpResponseBadRequest("Bad request: NUL byte in the address.")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Sets the Content-Security-Policy header (settings.CSP_POLICY) on every response.

    Public pages, the seller workspace and the officials' pages run only scripts from our own
    host or inline ones carrying this response's nonce (``{{ request.csp_nonce }}``). Staff areas
    (settings.CSP_STAFF_PATHS: Oscar dashboard, Django admin, Wagtail admin) draw inline scripts
    and styles of their own, so settings.CSP_STAFF_POLICY replaces those directives there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.header(request)
        return response

    @staticmethod
    def header(request):
        policy = {name: list(sources) for name, sources in settings.CSP_POLICY.items()}
        if request.path.startswith(tuple(settings.CSP_STAFF_PATHS)):
            policy.update(settings.CSP_STAFF_POLICY)
        else:
            policy["script-src"] = [*policy.get("script-src", []), f"'nonce-{request.csp_nonce}'"]
            # Card payments: Stripe.js, its frames and API calls (settings.CSP_STRIPE_SOURCES, read
            # per request so a test pointing Stripe at a local emulator is allowed too).
            for directive, sources in _stripe_sources().items():
                policy[directive] = [*policy.get(directive, []), *sources]
        return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _stripe_sources():
    """Stripe.js and the API it calls: from the Stripe settings (a real or a local Stripe)."""
    script = _origin(settings.STRIPE_JS_URL)
    api = _origin(settings.STRIPE_API_BASE)
    sources = {"script-src": [script], "frame-src": [script], "connect-src": [api, script]}
    return {directive: sorted({s for s in values if s}) for directive, values in sources.items()}
