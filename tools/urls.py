from django.urls import path

from . import views

app_name = "tools"

urlpatterns = [
    path("hulpmiddelen/rekenhulp/<int:page_id>/bereken/", views.calculate, name="calculate"),
    path("hulpmiddelen/rekenhulp/<int:page_id>/pdf/", views.calculation_pdf, name="calculation_pdf"),
    path("hulpmiddelen/checklist/<int:page_id>/starten/", views.start_run, name="start_run"),
    path("hulpmiddelen/rondes/", views.my_runs_view, name="my_runs"),
    path("hulpmiddelen/rondes/<int:pk>/", views.run_view, name="run"),
    path("hulpmiddelen/rondes/<int:pk>/afdrukken/", views.run_print, name="run_print"),
    path("hulpmiddelen/rondes/<int:pk>/verwijderen/", views.delete_run, name="delete_run"),
    path("hulpmiddelen/team/", views.team, name="team"),
]
