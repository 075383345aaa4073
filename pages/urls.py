from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    # Not translated and last in symbiosis/site/urls.py: any address nothing else answers.
    path("<slug:slug>/", views.PageDetailView.as_view(), name="detail"),
]
