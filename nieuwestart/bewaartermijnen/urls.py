from django.urls import path

from . import views

app_name = "bewaartermijnen"
urlpatterns = [
    path("bewaartermijnen/", views.overzicht, name="overzicht"),
    path("bewaartermijnen/<int:pk>/", views.bewerken, name="bewerken"),
]
