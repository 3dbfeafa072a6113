from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("team/voortgang/", views.team_progress, name="team_progress"),
    path("certificaten/", views.my_certificates, name="my_certificates"),
    path("certificaten/<slug:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificaat/<slug:code>/", views.verify_certificate, name="verify_certificate"),
]
