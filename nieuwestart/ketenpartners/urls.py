from django.urls import path

from . import views

app_name = "ketenpartners"
urlpatterns = [
    path("dossiers/<int:pk>/overleden-aanvrager/", views.overleden_aanvrager, name="overleden_aanvrager"),
    path("dossiers/<int:pk>/recht-na-overlijden/", views.recht_na_overlijden, name="recht_na_overlijden"),
    path("dossiers/<int:pk>/kindregeling-uitbetaling/", views.kindregeling_uitbetaling, name="kindregeling_uitbetaling"),
    path("dossiers/<int:pk>/driegesprek/", views.driegesprek_nieuw, name="driegesprek_nieuw"),
    path("dossiers/<int:pk>/driegesprek/<int:driegesprek>/plannen/", views.driegesprek_plannen, name="driegesprek_plannen"),
    path("dossiers/<int:pk>/driegesprek/<int:driegesprek>/verslag/", views.driegesprek_verslag, name="driegesprek_verslag"),
    path("dossiers/<int:pk>/verwijzing/", views.verwijzing_nieuw, name="verwijzing_nieuw"),
    path("dossiers/<int:pk>/verwijzing/<int:verwijzing>/contact/", views.verwijzing_contact, name="verwijzing_contact"),
    path("dossiers/<int:pk>/verwijzing/<int:verwijzing>/sbn-ingediend/", views.sbn_ingediend, name="sbn_ingediend"),
    path("dossiers/<int:pk>/verwijzing/<int:verwijzing>/afronden/", views.verwijzing_afronden, name="verwijzing_afronden"),
]
