from django.urls import path
from django.utils.translation import gettext_lazy as _

from projects import views

app_name = "projects"

urlpatterns = [
    path(_("projects/"), views.ProjectListView.as_view(), name="list"),
    path(_("projects/<slug:slug>/"), views.ProjectDetailView.as_view(), name="detail"),
]
