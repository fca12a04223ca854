from django.urls import path

from . import views

app_name = "meldingen"
urlpatterns = [
    path("meldingen/", views.overzicht, name="overzicht"),
    path("meldingen/<int:pk>/gelezen/", views.gelezen, name="gelezen"),
]
