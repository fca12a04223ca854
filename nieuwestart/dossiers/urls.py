from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("werkvoorraad/", views.werkvoorraad, name="werkvoorraad"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="detail"),
    path("dossiers/<int:pk>/doorbreken/", views.doorbreken, name="doorbreken"),
    path("dossiers/<int:pk>/bsn/", views.bsn_tonen, name="bsn_tonen"),
    path("dossiers/<int:pk>/verificatie/", views.verificatie, name="verificatie"),
    path("dossiers/<int:pk>/eerste-gesprek/", views.eerste_gesprek, name="eerste_gesprek"),
    path("dossiers/<int:pk>/nieuwe-datum/", views.verwachte_datum, name="verwachte_datum"),
    path("dossiers/<int:pk>/opschorten/", views.opschorten, name="opschorten"),
    path("dossiers/<int:pk>/opschorting-beeindigen/", views.opschorting_beeindigen, name="opschorting_beeindigen"),
]
