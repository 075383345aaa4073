from django.urls import path
from django.utils.translation import gettext_lazy as _

from partners import views

app_name = "partners"

urlpatterns = [
    path(_("partners/"), views.PartnerListView.as_view(), name="list"),
    path(_("partners/<slug:slug>/"), views.PartnerDetailView.as_view(), name="detail"),
    path(_("people/<int:pk>/vcard/"), views.vcard, name="vcard"),
]
