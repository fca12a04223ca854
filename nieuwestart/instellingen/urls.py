from django.urls import path

from . import views

app_name = "instellingen"
urlpatterns = [path("beheer/instellingen/", views.bewerken, name="bewerken")]
