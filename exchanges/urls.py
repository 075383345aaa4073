from django.urls import path
from django.utils.translation import gettext_lazy as _

from exchanges import diagram, impact, opendata, views

app_name = "exchanges"

urlpatterns = [
    path(_("flows/"), views.FlowListView.as_view(), name="flows"),
    path(_("flows/<int:pk>/"), views.FlowDetailView.as_view(), name="flow"),
    path(_("diagram/"), diagram.DiagramView.as_view(), name="diagram"),
    path(_("impact/"), impact.ImpactView.as_view(), name="impact"),
    path(_("open-data/"), opendata.OpenDataView.as_view(), name="open-data"),
    path(
        _("open-data/<slug:dataset>.<str:fmt>"),
        opendata.download,
        name="download",
    ),
]
