from django.urls import path
from django.utils.translation import gettext_lazy as _

from timeline import views

app_name = "timeline"

urlpatterns = [
    path(_("history/"), views.TimelineView.as_view(), name="index"),
]
