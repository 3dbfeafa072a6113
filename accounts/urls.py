from django.urls import path

from . import sessions, views

app_name = "accounts"

urlpatterns = [
    path("taal/", views.set_language, name="set_language"),
    path("sessies/overal-uitloggen/", sessions.logout_everywhere, name="logout_everywhere"),
    path("gegevens/", views.my_data, name="my_data"),
    path("gegevens/download/", views.my_data_download, name="my_data_download"),
    path("verwijderen/", views.delete_account, name="delete_account"),
]
