from django.urls import path

from . import views

app_name = "overdracht"
urlpatterns = [
    path("dossiers/<int:pk>/overdracht/", views.exporteren, name="exporteren"),
    path("dossiers/<int:pk>/verhuisd/", views.beeindigen, name="beeindigen"),
    path("overdracht/inlezen/", views.inlezen, name="inlezen"),
    path("overdracht/<uuid:pk>/", views.voorbeeld, name="voorbeeld"),
    path("overdracht/<uuid:pk>/afbreken/", views.afbreken, name="afbreken"),
]
