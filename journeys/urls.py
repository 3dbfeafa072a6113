from django.urls import path

from . import views

app_name = "journeys"

urlpatterns = [
    path("f/<str:code>/", views.feedback, name="feedback"),
    path("f/<str:code>/bedankt/", views.thanks, name="thanks"),
    path("klantreizen/stappen/<int:step_id>/qr.png", views.step_qr, {"kind": "png"}, name="step_qr_png"),
    path("klantreizen/stappen/<int:step_id>/qr.svg", views.step_qr, {"kind": "svg"}, name="step_qr_svg"),
    path("klantreizen/stappen/<int:step_id>/voorstel/", views.suggest, name="suggest"),
    path("klantreizen/voorstellen/", views.suggestions, name="suggestions"),
    path("klantreizen/nps/", views.nps, name="nps"),
    path("klantreizen/nps/export/", views.nps_export, name="nps_export"),
]
