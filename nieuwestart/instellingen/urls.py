from django.urls import path

from . import views

app_name = "instellingen"
urlpatterns = [
    path("beheer/instellingen/", views.bewerken, name="bewerken"),
    path("beheer/instellingen/feestdagen/toevoegen/", views.feestdag_toevoegen, name="feestdag_toevoegen"),
    path("beheer/instellingen/feestdagen/<int:pk>/verwijderen/", views.feestdag_verwijderen, name="feestdag_verwijderen"),
    path("beheer/instellingen/teamtoewijzing/", views.teamtoewijzing, name="teamtoewijzing"),
    path(
        "beheer/instellingen/teamtoewijzing/postcodegebieden/toevoegen/",
        views.postcodegebied_toevoegen_view, name="postcodegebied_toevoegen",
    ),
    path(
        "beheer/instellingen/teamtoewijzing/postcodegebieden/<int:pk>/verwijderen/",
        views.postcodegebied_verwijderen_view, name="postcodegebied_verwijderen",
    ),
]
