from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext_lazy as _


def _na_request(sender, **kwargs):
    from .services import openstaande_regels_vastleggen

    openstaande_regels_vastleggen()


def _voor_request(sender, **kwargs):
    from .services import openstaande_regels_vergeten

    openstaande_regels_vergeten()


def _koppen_na_migreren(sender, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """Create the heads of every part of both chains, so no writer has to (see keten.koppen_aanmaken)."""
    if using != DEFAULT_DB_ALIAS or apps is None:
        return
    try:
        historisch = apps.get_model("logboek", "Ketenkop")
    except LookupError:  # migrated back to before the logs existed
        return
    if "deel" not in {veld.name for veld in historisch._meta.get_fields()}:
        return  # migrated back to before the parts
    from .keten import koppen_aanmaken

    koppen_aanmaken()


class LogboekConfig(AppConfig):
    name = "nieuwestart.logboek"
    verbose_name = _("Logboeken")

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401  (registers the deploy check logboek.W001)

        # A failed operation whose transaction was rolled back is written after the request
        # (services: "Failures and transactions"); a new request starts with an empty queue.
        request_finished.connect(_na_request, dispatch_uid="logboek_na_request")
        request_started.connect(_voor_request, dispatch_uid="logboek_voor_request")
        post_migrate.connect(_koppen_na_migreren, sender=self, dispatch_uid="logboek_koppen_na_migreren")
