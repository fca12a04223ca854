from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nieuwestart.accounts.views import InlogView
from nieuwestart.api import beheer as api_views
from nieuwestart.dossiers import views as dossier_views
from nieuwestart.toegang.regels import openbaar

urlpatterns = [
    # First: machine clients call these most, and no screen starts with "api/" (resolving walks the list).
    path("api/v1/", include("nieuwestart.api.urls")),
    path("api/<path:onbekend>", api_views.niet_gevonden, name="api_onbekend"),
    path("", dossier_views.start, name="start"),
    # Login and logout are open to everyone (logging out an expired session must not fail);
    # the second factor follows on the accounts pages (docs/authenticatie.md).
    path("inloggen/", openbaar(InlogView.as_view()), name="login"),
    path("uitloggen/", openbaar(auth_views.LogoutView.as_view()), name="logout"),
    path("", include("nieuwestart.accounts.urls")),
    path("", include("nieuwestart.dossiers.urls")),
    path("", include("nieuwestart.aanmeldingen.urls")),
    path("", include("nieuwestart.meldingen.urls")),
    path("", include("nieuwestart.instellingen.urls")),
    path("", include("nieuwestart.catalogus.urls")),
    path("", include("nieuwestart.beschikkingen.urls")),
    path("", include("nieuwestart.plannen.urls")),
    path("", include("nieuwestart.bewaartermijnen.urls")),
    path("", include("nieuwestart.beeindiging.urls")),
    path("", include("nieuwestart.ketenpartners.urls")),
    path("", include("nieuwestart.overdracht.urls")),
    path("", include("nieuwestart.financien.urls")),
    path("", include("nieuwestart.rapportages.urls")),
    path("audit/", include("nieuwestart.logboek.urls")),
    path("beheer/api-applicaties/", include("nieuwestart.api.beheer_urls")),
    path("admin/", admin.site.urls),
]
