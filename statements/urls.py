"""Public URLs: a contract, since links get shared. Do not change them."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from statements import feeds, permalink_formats, views
from statements.sitemaps import SITEMAPS


class PublicIdConverter:
    """Permalink ids: short, lower-case letters and digits; anything else is not a passage."""

    regex = "[0-9a-z]{4,16}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PublicIdConverter, "public_id")

app_name = "statements"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search_feed"),
    path("search/csv/", views.search_csv, name="search_csv"),
    path("q/<public_id:public_id>/", views.passage_detail, name="passage"),
    path("q/<public_id:public_id>.json", permalink_formats.passage_json, name="passage_json"),
    path("oembed", permalink_formats.oembed, name="oembed"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("speakers/", views.speaker_list, name="speakers"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("speakers/<slug:slug>/feed/", feeds.SpeakerFeed(), name="speaker_feed"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic_feed"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "statements:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
