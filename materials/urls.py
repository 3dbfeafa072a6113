from django.urls import path

from . import views

app_name = "materials"

urlpatterns = [
    path("materialen/<int:material_id>/download/", views.download, name="download"),
    path("materialen/<int:material_id>/download/co-branding/", views.download_cobranded, name="download_cobranded"),
    path("materialen/<int:material_id>/delen/", views.share, name="share"),
    path("materialen/gedeeld/", views.shares, name="shares"),
    path("materialen/gedeeld/<int:pk>/intrekken/", views.revoke_share, name="revoke_share"),
    path("materialen/meldingen/<int:pk>/verbergen/", views.dismiss_notice, name="dismiss_notice"),
    # Public: the link a partner sends to a customer.
    path("m/<str:token>/", views.shared, name="shared"),
    path("m/<str:token>/bestand/", views.shared_file, name="shared_file"),
]
