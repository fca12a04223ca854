from django.urls import path

from . import views

app_name = "beschikkingen"
_B = "dossiers/<int:pk>/beschikkingen/<int:beschikking>/"
urlpatterns = [
    path(_B, views.detail, name="detail"),
    path(_B + "pdf/", views.pdf, name="pdf"),
    path(_B + "docx/", views.docx, name="docx"),
    path(_B + "verzending/", views.verzending, name="verzending"),
    path(_B + "mondeling-akkoord/", views.mondeling_akkoord, name="mondeling_akkoord"),
    path(_B + "bezwaar/", views.bezwaar_registreren, name="bezwaar_registreren"),
    path(_B + "bezwaar/uitstellen/", views.bezwaar_verdagen, name="bezwaar_verdagen"),
    path(_B + "bezwaar/beslissing/", views.bezwaar_afhandelen, name="bezwaar_afhandelen"),
    path("beheer/briefsjablonen/", views.sjablonen, name="sjablonen"),
    path("beheer/briefsjablonen/<int:sjabloon>/gebruiken/", views.sjabloon_activeren, name="sjabloon_activeren"),
    path("beheer/briefsjablonen/<int:sjabloon>/downloaden/", views.sjabloon_downloaden, name="sjabloon_downloaden"),
    path("beheer/briefsjablonen/standaard-gebruiken/", views.standaard_gebruiken, name="standaard_gebruiken"),
    path("beheer/briefsjablonen/standaard.html", views.standaard_html_downloaden, name="standaard_html"),
    path("beheer/briefsjablonen/standaard.docx", views.standaard_docx_downloaden, name="standaard_docx"),
]
