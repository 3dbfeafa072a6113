from django.urls import path

from . import views

app_name = "recognition"

urlpatterns = [
    path("erkenning/", views.scorecard, name="scorecard"),
    path("erkenning/ranglijst/", views.leaderboard, name="leaderboard"),
    path("erkenning/meldingen/<int:pk>/verbergen/", views.dismiss_notice, name="dismiss_notice"),
]
