"""The site's URLs plus `/bench/minimal`: the cheapest Django answer, the yardstick."""

from django.http import HttpResponse
from django.urls import path

from symbiosis import urls as site

handler404 = site.handler404


def minimal(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/minimal", minimal, name="bench-minimal"), *site.urlpatterns]
