from django.urls import path

from . import views

app_name = "beeindiging"
_D = "dossiers/<int:pk>/"
urlpatterns = [
    path(_D + "afbouw/", views.afbouw_starten, name="afbouw_starten"),
    path(_D + "afbouw/stap/", views.afbouwstap, name="afbouwstap"),
    path(_D + "contactpoging/", views.contactpoging, name="contactpoging"),
    path(_D + "beeindigen/", views.beeindigen, name="beeindigen"),
    path(_D + "warme-overdracht/", views.overdracht_nieuw, name="overdracht_nieuw"),
    path(_D + "warme-overdracht/<int:overdracht>/", views.overdracht_bewerken, name="overdracht_bewerken"),
    path(_D + "warme-overdracht/<int:overdracht>/nazorgcontrole/", views.nazorgcontrole, name="nazorgcontrole"),
    path(_D + "nazorg/", views.nazorg_starten, name="nazorg_starten"),
    path(_D + "afsluiten/", views.afsluiten, name="afsluiten"),
]
