from django.urls import path

from . import views

app_name = "catalogus"
urlpatterns = [
    path("beheer/sociale-kaart/", views.overzicht, name="overzicht"),
    path("beheer/sociale-kaart/aanbieders/", views.aanbieders, name="aanbieders"),
    path("beheer/sociale-kaart/aanbieders/nieuw/", views.aanbieder_nieuw, name="aanbieder_nieuw"),
    path("beheer/sociale-kaart/aanbieders/<int:pk>/", views.aanbieder_bewerken, name="aanbieder_bewerken"),
    path("beheer/sociale-kaart/aanbieders/<int:pk>/actief/", views.aanbieder_actief, name="aanbieder_actief"),
    path("beheer/sociale-kaart/producten/nieuw/", views.product_nieuw, name="product_nieuw"),
    path("beheer/sociale-kaart/producten/<int:pk>/", views.product_bewerken, name="product_bewerken"),
    path("beheer/sociale-kaart/producten/<int:pk>/actief/", views.product_actief, name="product_actief"),
    path("beheer/sociale-kaart/inlezen/", views.importeren, name="importeren"),
    path("beheer/sociale-kaart/inlezen/<int:pk>/", views.import_voorbeeld, name="import_voorbeeld"),
    path("beheer/sociale-kaart/inlezen/<int:pk>/inlezen/", views.import_inlezen, name="import_inlezen"),
    path("beheer/sociale-kaart/inlezen/<int:pk>/afbreken/", views.import_afbreken, name="import_afbreken"),
    path("sociale-kaart/", views.kiezen, name="kiezen"),
]
