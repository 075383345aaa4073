from django.urls import path  # noqa: F401

app_name = "search"

# Filled in by the search app (issue 7).
urlpatterns = []
