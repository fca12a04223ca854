from django.urls import path

from . import views

app_name = "logboek"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("dossier/", views.dossier, name="dossier"),
    path("doorbrekingen/", views.doorbrekingen, name="doorbrekingen"),
    path("betrokkene/", views.betrokkene, name="betrokkene"),
    path("integriteit/", views.integriteit, name="integriteit"),
    path("verwerkingsregister/", views.verwerkingsregister, name="verwerkingsregister"),
    path("verwerkingsregister/nieuw/", views.activiteit_nieuw, name="activiteit_nieuw"),
    path("verwerkingsregister/<str:code>/nieuwe-versie/", views.activiteit_nieuwe_versie, name="activiteit_nieuwe_versie"),
]
