"""The site's URLs plus one view that fails, to see the real 500 handler's page in a browser."""

from django.urls import path

from marketplace.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("test-server-error/", broken_view), *site_urlpatterns]
