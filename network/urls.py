from django.urls import path
from django.utils.translation import gettext_lazy as _

from network import views

app_name = "network"

urlpatterns = [
    path(_("network/"), views.NetworkView.as_view(), name="index"),
]
