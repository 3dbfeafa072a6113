from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("team/", views.team, name="team"),
    path("team/uitnodigen/", views.invite, name="invite"),
    path("team/uitnodigingen/<int:pk>/opnieuw/", views.resend_invitation, name="resend_invitation"),
    path("team/uitnodigingen/<int:pk>/intrekken/", views.revoke_invitation, name="revoke_invitation"),
    path("team/leden/<int:pk>/rol/", views.change_role, name="change_role"),
    path("team/leden/<int:pk>/verwijderen/", views.remove_member, name="remove_member"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
