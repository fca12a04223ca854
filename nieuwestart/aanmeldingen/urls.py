from django.urls import path

from . import views

app_name = "aanmeldingen"
urlpatterns = [path("aanmelden/", views.directe_aanmelding, name="directe_aanmelding")]
