from django.urls import path

from . import sessions, views

app_name = "accounts"

urlpatterns = [
    path("taal/", views.set_language, name="set_language"),
    path("sessies/overal-uitloggen/", sessions.logout_everywhere, name="logout_everywhere"),
]
