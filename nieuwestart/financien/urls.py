from django.urls import path

from . import views

app_name = "financien"
urlpatterns = [
    path("financien/", views.sisa, name="sisa"),
    path("financien/sisa/<int:jaar>/", views.sisa_export, name="sisa_export"),
    path("financien/sisa/afsluiten/", views.jaar_afsluiten, name="jaar_afsluiten"),
    path("financien/organisatiekosten/", views.organisatiekosten, name="organisatiekosten"),
    path("financien/collectieve-initiatieven/", views.initiatieven, name="initiatieven"),
    path("financien/uht-tellingen/", views.uht_tellingen, name="uht_tellingen"),
    path("beheer/spuk/", views.referentiegegevens, name="referentiegegevens"),
    path("beheer/spuk/componenten/nieuw/", views.component_bewerken, name="component_nieuw"),
    path("beheer/spuk/componenten/<int:pk>/", views.component_bewerken, name="component_bewerken"),
    path("beheer/spuk/indicatoren/nieuw/", views.indicator_bewerken, name="indicator_nieuw"),
    path("beheer/spuk/indicatoren/<int:pk>/", views.indicator_bewerken, name="indicator_bewerken"),
    path("dossiers/<int:pk>/kosten/", views.dossier_kosten, name="dossier_kosten"),
    path("dossiers/<int:pk>/kosten/<int:kosten>/betaling/", views.betaling, name="betaling"),
]
