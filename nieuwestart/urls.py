from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from nieuwestart.dossiers import views as dossier_views

urlpatterns = [
    path("", dossier_views.start, name="start"),
    path("inloggen/", login_not_required(auth_views.LoginView.as_view(redirect_authenticated_user=True)), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("nieuwestart.dossiers.urls")),
    path("", include("nieuwestart.aanmeldingen.urls")),
    path("", include("nieuwestart.instellingen.urls")),
    path("audit/", include("nieuwestart.logboek.urls")),
    path("admin/", admin.site.urls),
]
