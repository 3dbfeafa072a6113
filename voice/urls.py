from django.urls import path

from . import views

app_name = "voice"

urlpatterns = [
    path("teksttoets/", views.text_check, name="text_check"),
    path("teksttoets/sleutels/", views.tokens, name="tokens"),
    path("teksttoets/sleutels/<int:pk>/intrekken/", views.revoke_token, name="revoke_token"),
    path("api/voice/check/", views.api_check, name="api_check"),
]
