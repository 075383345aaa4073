from django.urls import path
from django.utils.translation import gettext_lazy as _

from listings import feeds, posting, views

app_name = "listings"

urlpatterns = [
    path(_("side-streams/"), views.ListingListView.as_view(), name="list"),
    path(_("side-streams/<int:pk>/"), views.ListingDetailView.as_view(), name="detail"),
    path(_("side-streams/results/"), views.ResultsView.as_view(), name="results"),
    path(_("side-streams/post/"), posting.PostListingView.as_view(), name="post"),
    path(_("side-streams/post/sent/"), posting.SentView.as_view(), name="post-sent"),
    path(_("side-streams/feed/rss/"), feeds.ListingsRss(), name="feed-rss"),
    path(_("side-streams/feed/atom/"), feeds.ListingsAtom(), name="feed-atom"),
]
