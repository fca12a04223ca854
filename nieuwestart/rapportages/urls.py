from django.urls import path

from . import views

app_name = "rapportages"
urlpatterns = [
    path("rapportages/", views.overzicht, name="overzicht"),
    path("rapportages/bereik/", views.bereik, name="bereik"),
    path("rapportages/doorlooptijden/", views.doorlooptijden, name="doorlooptijden"),
    path("rapportages/ondersteuning/", views.ondersteuning, name="ondersteuning"),
    path("rapportages/gelijke-behandeling/", views.gelijke_behandeling, name="gelijke_behandeling"),
    path("rapportages/benchmark/", views.benchmark_export, name="benchmark_export"),
    path("rapportages/benchmark/vergelijken/", views.benchmark_vergelijken, name="benchmark_vergelijken"),
    path("dossiers/<int:pk>/vergelijkbare-gevallen/", views.vergelijkbare_gevallen, name="vergelijkbaar"),
]
