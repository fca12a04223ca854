from django.urls import path

from . import views

app_name = "aanmeldingen"
urlpatterns = [
    path("aanmelden/", views.directe_aanmelding, name="directe_aanmelding"),
    path("portaalbestanden/", views.ingelezen_bestanden, name="ingelezen_bestanden"),
    path("portaalbestanden/inlezen/", views.bestand_inlezen, name="bestand_inlezen"),
    path("portaalbestanden/kindverificatie/vraagbestand/", views.vraagbestand_downloaden, name="vraagbestand"),
    path("portaalbestanden/<uuid:pk>/", views.opdracht, name="opdracht"),
    path("portaalbestanden/<uuid:pk>/voortgang/", views.opdracht_voortgang, name="opdracht_voortgang"),
    path("portaalbestanden/<uuid:pk>/bevestigen/", views.opdracht_bevestigen, name="opdracht_bevestigen"),
    path("portaalbestanden/<uuid:pk>/afbreken/", views.opdracht_afbreken, name="opdracht_afbreken"),
    path("portaalbestanden/<uuid:pk>/opnieuw/", views.opdracht_opnieuw, name="opdracht_opnieuw"),
    path("portaalbestanden/<uuid:pk>/kolommen/", views.opdracht_kolommen, name="opdracht_kolommen"),
    path("portaalbestanden/<uuid:pk>/afgewezen.csv", views.afwijzingsrapport, {"formaat": "csv"},
         name="afwijzingsrapport_csv"),
    path("portaalbestanden/<uuid:pk>/afgewezen.xlsx", views.afwijzingsrapport, {"formaat": "xlsx"},
         name="afwijzingsrapport_xlsx"),
    path("beheer/kolomkoppelingen/", views.kolomkoppelingen, name="kolomkoppelingen"),
    path("beheer/kolomkoppelingen/<int:pk>/verwijderen/", views.kolomkoppeling_verwijderen,
         name="kolomkoppeling_verwijderen"),
]
