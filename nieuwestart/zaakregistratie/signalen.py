"""Publish after every change that matters to the zaak: a dossier event (status, terms) and an
issued or sent beschikking. Only when the link is configured, only after commit."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from nieuwestart.beschikkingen.models import Beschikking
from nieuwestart.dossiers.models import DossierGebeurtenis

from .publiceren import na_commit_inplannen


@receiver(post_save, sender=DossierGebeurtenis, dispatch_uid="zaakregistratie_gebeurtenis")
def gebeurtenis_opgeslagen(sender, instance, created, **kwargs):
    if created:
        na_commit_inplannen(instance.dossier_id)


@receiver(post_save, sender=Beschikking, dispatch_uid="zaakregistratie_beschikking")
def beschikking_opgeslagen(sender, instance, **kwargs):
    na_commit_inplannen(instance.dossier_id)
