"""What the dossier page and the API show about the publication of one dossier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from .config import aan
from .models import Stand, Zaakkoppeling

LABELS = {
    "UIT": _("Geen koppeling met de zaakregistratie"),
    "NIET_VERZONDEN": _("Niet verzonden"),
    Stand.IN_WACHTRIJ: _("In de wachtrij"),
    Stand.VERZONDEN: _("Verzonden"),
    Stand.MISLUKT: _("Mislukt"),
}


@dataclass(frozen=True)
class StandOpPagina:
    stand: str
    zaak_url: str = ""
    fout: str = ""
    pogingen: int = 0
    volgende_poging: datetime | None = None
    laatst_verzonden_op: datetime | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.stand])

    @property
    def aan(self) -> bool:
        return self.stand != "UIT"


def stand_voor_dossier(dossier) -> StandOpPagina:
    if not aan():
        return StandOpPagina("UIT")
    k = Zaakkoppeling.objects.filter(dossier_id=dossier.pk).first()
    if k is None:
        return StandOpPagina("NIET_VERZONDEN")
    return StandOpPagina(k.stand, k.zaak_url, k.fout, k.pogingen, k.volgende_poging, k.laatst_verzonden_op)
