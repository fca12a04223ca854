from django.urls import path

from . import beeindiging, views

app_name = "api"

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("rechthebbenden/", views.RechthebbendenLijst.as_view(), name="rechthebbenden"),
    path("rechthebbenden/<int:rechthebbende>/", views.RechthebbendeDetail.as_view(), name="rechthebbende"),
    path("dossiers/", views.DossierLijst.as_view(), name="dossiers"),
    path("dossiers/<int:pk>/", views.DossierDetail.as_view(), name="dossier"),
    path("dossiers/<int:pk>/planversies/", views.DossierPlanversies.as_view(), name="planversies"),
    path("dossiers/<int:pk>/beschikkingen/", views.DossierBeschikkingen.as_view(), name="beschikkingen"),
    path("dossiers/<int:pk>/beschikkingen/<int:beschikking>/pdf/", views.BeschikkingPdf.as_view(), name="beschikking_pdf"),
    path("dossiers/<int:pk>/beschikkingen/<int:beschikking>/bezwaar/", views.Bezwaar.as_view(), name="bezwaar"),
    path("dossiers/<int:pk>/verificaties/", views.Verificaties.as_view(), name="verificaties"),
    path("dossiers/<int:pk>/eerste-gesprek/", views.EersteGesprek.as_view(), name="eerste_gesprek"),
    path("dossiers/<int:pk>/einde-ondersteuning/", beeindiging.EindeOndersteuning.as_view(), name="einde_ondersteuning"),
    path("dossiers/<int:pk>/afbouw/", beeindiging.Afbouw.as_view(), name="afbouw"),
    path("dossiers/<int:pk>/afbouwstappen/", beeindiging.Afbouwstappen.as_view(), name="afbouwstappen"),
    path("dossiers/<int:pk>/contactpogingen/", beeindiging.Contactpogingen.as_view(), name="contactpogingen"),
    path("dossiers/<int:pk>/beeindiging/", beeindiging.Beeindigen.as_view(), name="beeindiging"),
    path("dossiers/<int:pk>/overdrachten/", beeindiging.Overdrachten.as_view(), name="overdrachten"),
    path("dossiers/<int:pk>/overdrachten/<int:overdracht>/", beeindiging.Overdracht.as_view(), name="overdracht"),
    path("dossiers/<int:pk>/overdrachten/<int:overdracht>/controles/", beeindiging.Nazorgcontroles.as_view(),
         name="nazorgcontroles"),
    path("dossiers/<int:pk>/nazorg/", beeindiging.Nazorg.as_view(), name="nazorg"),
    path("dossiers/<int:pk>/afsluiten/", beeindiging.Afsluiten.as_view(), name="afsluiten"),
    path("aanmeldingen/", views.Aanmeldingen.as_view(), name="aanmeldingen"),
    path("imports/", views.Imports.as_view(), name="imports"),
    path("imports/<uuid:pk>/", views.ImportDetail.as_view(), name="import"),
    path("imports/<uuid:pk>/bevestigen/", views.ImportBevestigen.as_view(), name="import_bevestigen"),
    path("rapportages/<str:naam>/", views.Rapportage.as_view(), name="rapportage"),
]
