"""Reads for the transfer screens: the outgoing transfers of a dossier, and the preview of a package."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from nieuwestart.common.bsn import maskeer_bsn
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Doelgroep, DossierStatus
from nieuwestart.termijnen.engine import Gebeurtenis
from nieuwestart.termijnen.services import atw_kalender, termijnbeeld

from .models import Overdracht, Richting


def overdrachten_van(dossier) -> list[Overdracht]:
    return list(Overdracht.objects.filter(dossier=dossier).select_related("door").order_by("-aangemaakt_op"))


def laatste_uitgaande(dossier) -> Overdracht | None:
    return Overdracht.objects.filter(dossier=dossier, richting=Richting.UITGAAND).order_by("-aangemaakt_op").first()


def voorbeeldgegevens(gelezen, *, vandaag: date | None = None) -> dict:
    """What the case worker checks before importing: person, dossier, history, and the terms as they will be."""
    vandaag = vandaag or timezone.localdate()
    g = gelezen.gegevens
    gebeurtenissen = [
        Gebeurtenis(id=i, soort=e["soort"], datum=date.fromisoformat(e["datum"]), gegevens=e["gegevens"])
        for i, e in enumerate(g["gebeurtenissen"], start=1)
    ]
    beeld = termijnbeeld(gebeurtenissen, kalender=atw_kalender(), instellingen=None, vandaag=vandaag)
    r = g["rechthebbende"]
    return {
        "afzender": g["afzender"],
        "gemaakt_op": g["gemaakt_op"],
        "naam": " ".join(p for p in (r["voornamen"], r["tussenvoegsel"], r["achternaam"]) if p),
        "geboortedatum": date.fromisoformat(r["geboortedatum"]),
        "bsn_gemaskeerd": maskeer_bsn(r["bsn"]),
        "dossiernummer": g["dossier"]["dossiernummer"],
        "doelgroep": Doelgroep(g["dossier"]["doelgroep"]).label,
        "status": DossierStatus(g["dossier"]["status"]).label,
        "aanmelddatum": date.fromisoformat(g["dossier"]["aanmelddatum"]),
        "gezinsleden": len(g["huishouden"]["leden"]) if g["huishouden"] else 0,
        "eerste_gesprek": date.fromisoformat(g["eerste_gesprek"]["datum"]) if g["eerste_gesprek"] else None,
        "gebeurtenissen": [
            {"datum": date.fromisoformat(e["datum"]), "soort": GebeurtenisSoort(e["soort"]).label, "toelichting": e["toelichting"]}
            for e in reversed(g["gebeurtenissen"])
        ],
        "planversies": len(g["planversies"]),
        "voorzieningen": sum(len(d["voorzieningen"]) for pv in g["planversies"] for d in pv["doelen"]),
        "beschikkingen": [{"kenmerk": b["kenmerk"], "datum": date.fromisoformat(b["datum"]), "soort": b["soort"]} for b in g["beschikkingen"]],
        "termijnen": sorted(beeld.berekend, key=lambda t: (t.einddatum, t.regel.code)),
        "driegesprekken": len(g["ketenpartners"]["driegesprekken"]),
        "verwijzingen": len(g["ketenpartners"]["verwijzingen"]),
        "vandaag": vandaag,
    }
