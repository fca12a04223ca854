from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _na_request(sender, **kwargs):
    from .services import openstaande_regels_vastleggen

    openstaande_regels_vastleggen()


def _voor_request(sender, **kwargs):
    from .services import openstaande_regels_vergeten

    openstaande_regels_vergeten()


class LogboekConfig(AppConfig):
    name = "nieuwestart.logboek"
    verbose_name = _("Logboeken")

    def ready(self):
        from django.core.signals import request_finished, request_started

        from . import checks  # noqa: F401  (registers the deploy check logboek.W001)

        # A failed operation whose transaction was rolled back is written after the request
        # (services: "Failures and transactions"); a new request starts with an empty queue.
        request_finished.connect(_na_request, dispatch_uid="logboek_na_request")
        request_started.connect(_voor_request, dispatch_uid="logboek_voor_request")
