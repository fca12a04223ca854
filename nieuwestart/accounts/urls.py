from django.urls import path

from . import oidc, views

app_name = "accounts"

urlpatterns = [
    path("mfa/instellen/", views.mfa_instellen, name="mfa_instellen"),
    path("mfa/controleren/", views.mfa_controleren, name="mfa_controleren"),
    path("mfa/herstelcodes/", views.mfa_herstelcodes, name="mfa_herstelcodes"),
    path("account/beveiliging/", views.beveiliging, name="beveiliging"),
    path("oidc/inloggen/", oidc.oidc_start, name="oidc_start"),
    path("oidc/callback/", oidc.oidc_callback, name="oidc_callback"),
]
