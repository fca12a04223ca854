from django.urls import path

from . import beheer_views, oidc, views

app_name = "accounts"

urlpatterns = [
    path("mfa/instellen/", views.mfa_instellen, name="mfa_instellen"),
    path("mfa/controleren/", views.mfa_controleren, name="mfa_controleren"),
    path("mfa/herstelcodes/", views.mfa_herstelcodes, name="mfa_herstelcodes"),
    path("account/beveiliging/", views.beveiliging, name="beveiliging"),
    path("account/wachtwoord/", beheer_views.wachtwoord_wijzigen, name="wachtwoord_wijzigen"),
    path("beheer/gebruikers/", beheer_views.gebruikers, name="gebruikers"),
    path("beheer/gebruikers/nieuw/", beheer_views.gebruiker_nieuw, name="gebruiker_nieuw"),
    path("beheer/gebruikers/<int:pk>/", beheer_views.gebruiker_bewerken, name="gebruiker_bewerken"),
    path("oidc/inloggen/", oidc.oidc_start, name="oidc_start"),
    path("oidc/callback/", oidc.oidc_callback, name="oidc_callback"),
]
