"""The API's URLs under /api/: statements, documents, speakers, topics, the OpenAPI schema and its page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from statements.api import views

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("documents", views.DocumentViewSet, basename="document")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("topics", views.TopicViewSet, basename="topic")

urlpatterns = [
    path("passages/", views.PassageSearch.as_view(), name="passages"),
    path("passages/<str:public_id>/", views.PassageDetail.as_view(), name="passage"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
