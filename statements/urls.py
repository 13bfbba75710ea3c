"""Public URLs: a contract, since links get shared. Do not change them."""

from django.urls import path

from statements import feeds, views

app_name = "statements"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search_feed"),
    path("q/<str:public_id>/", views.passage_detail, name="passage"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("speakers/", views.speaker_list, name="speakers"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
]
