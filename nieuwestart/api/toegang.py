"""The API uses the same authorization layer as the screens.

Every API view carries exactly one ``Toegangsregel`` (class attribute ``toegangsregel``), which the
permission-matrix test reads like ``@vereist`` on a screen; an application token must also hold the
view's ``scope``. Dossier views load the dossier through ``dossier_openen``: the team check of
``dossiers.permissions`` and one processing-log line per person, exactly as ``dossiers.views.dossier_view``.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import APIView

from nieuwestart.dossiers.models import Dossier
from nieuwestart.dossiers.permissions import Toegang, toegang_tot_dossier
from nieuwestart.logboek.services import verwerking
from nieuwestart.toegang.models import Doorbreking
from nieuwestart.toegang.regels import Toegangsregel

from .rechten import VolgensToegangsregel


class ApiView(APIView):
    permission_classes = [VolgensToegangsregel]
    toegangsregel: Toegangsregel
    scope: str | None = None

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        # The token is checked by DRF, not by the login middleware of the screens.
        view.login_required = False
        return view

    @property
    def django_request(self):
        return self.request._request


def dossier_laden(pk) -> Dossier:
    try:
        return Dossier.objects.select_related("rechthebbende").get(pk=pk)
    except (Dossier.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def toegang_controleren(request, dossier: Dossier) -> str:
    """The team check of ``dossiers.permissions``; returns the doorbreking's reason, if that gave access."""
    toegang = toegang_tot_dossier(request.user, dossier)
    if toegang is Toegang.GEEN:
        raise exceptions.PermissionDenied(_("U mag dit dossier niet inzien."))
    if toegang is Toegang.DOORBREKEN_MOGELIJK:
        raise exceptions.PermissionDenied(
            _("Dit dossier hoort bij een ander team. Open het eerst in Nieuwe Start met de doorbreekfunctie "
              "(met een reden); daarna kan het ook via de API, een werkdag lang.")
        )
    if toegang is Toegang.DOORBROKEN:
        return (
            Doorbreking.objects.filter(gebruiker=request.user, dossier=dossier).values_list("reden", flat=True).first()
            or ""
        )
    return ""


@contextmanager
def dossier_verwerken(request, dossier: Dossier, *, naam: str, met_huishouden: bool = False):
    """Team check (or an active doorbreking) and the processing-log line(s), as on the dossier page."""
    reden = toegang_controleren(request, dossier)
    betrokkenen = [dossier.rechthebbende.bsn]
    if met_huishouden:
        huishouden = getattr(dossier, "huishouden", None)
        if huishouden is not None:
            betrokkenen += [lid.bsn for lid in huishouden.leden.all() if lid.bsn]
    with verwerking(
        request._request, naam=naam, betrokkenen=betrokkenen, object_type="dossier",
        object_id=dossier.dossiernummer, reden=reden,
    ) as ctx:
        yield ctx
