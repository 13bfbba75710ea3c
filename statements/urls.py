from django.urls import path

from statements import views

app_name = "statements"

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("q/<str:public_id>/", views.passage_detail, name="passage"),
]
