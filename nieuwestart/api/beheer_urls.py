from django.urls import path

from . import beheer

app_name = "api_applicaties"

urlpatterns = [
    path("", beheer.overzicht, name="overzicht"),
    path("nieuw/", beheer.nieuw, name="nieuw"),
    path("<int:pk>/vernieuwen/", beheer.vernieuwen, name="vernieuwen"),
    path("<int:pk>/intrekken/", beheer.intrekken, name="intrekken"),
]
