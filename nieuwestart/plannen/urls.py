from django.urls import path

from . import views

app_name = "plannen"
_P = "dossiers/<int:pk>/plan/"
_V = _P + "<int:versie>/"
urlpatterns = [
    path(_P + "nieuw/", views.versie_nieuw, name="versie_nieuw"),
    path(_V, views.versie, name="versie"),
    path(_V + "toets/", views.toets, name="toets"),
    path(_V + "wijzigen/", views.versie_wijzigen, name="versie_wijzigen"),
    path(_V + "verwijderen/", views.versie_verwijderen, name="versie_verwijderen"),
    path(_V + "leefgebieden/<str:leefgebied>/", views.leefgebied, name="leefgebied"),
    path(_V + "leefgebieden/<str:leefgebied>/doel/", views.doel_toevoegen, name="doel_toevoegen"),
    path(_V + "doelen/<int:doel>/", views.doel_wijzigen, name="doel_wijzigen"),
    path(_V + "doelen/<int:doel>/verwijderen/", views.doel_verwijderen, name="doel_verwijderen"),
    path(_V + "voorzieningen/nieuw/", views.voorziening_nieuw, name="voorziening_nieuw"),
    path(_V + "voorzieningen/<int:voorziening>/", views.voorziening_bewerken, name="voorziening_bewerken"),
    path(_V + "voorzieningen/<int:voorziening>/verwijderen/", views.voorziening_verwijderen, name="voorziening_verwijderen"),
    path(_V + "voorzieningen/<int:voorziening>/goedkeuring/", views.goedkeuring_vragen, name="goedkeuring_vragen"),
    path(_V + "goedkeuringen/<int:goedkeuring>/", views.beoordelen, name="beoordelen"),
    path(_V + "uitgeven/", views.uitgeven, name="uitgeven"),
    path("goedkeuringen/", views.goedkeuringen, name="goedkeuringen"),
]
