"""Error views that must not depend on the request having passed through the middleware."""

from django.http import HttpResponseBadRequest
from django.template import loader


def bad_request(request, exception, template_name="400.html"):
    """400 without the request: a bad Host header stops the middleware before `request.user`
    exists, so the page is rendered like the 500 page, from nothing but static tags."""
    return HttpResponseBadRequest(loader.get_template(template_name).render())
