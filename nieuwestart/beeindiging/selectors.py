"""Reads for beëindiging, afbouw, warme overdracht and nazorg: the dossier section and the worklist block."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Dossier, DossierStatus, Leefgebied
from nieuwestart.plannen.models import Besluit, Planstatus, Planversie, Voorziening
from nieuwestart.termijnen.engine import termijnstatus
from nieuwestart.termijnen.models import Termijn
from nieuwestart.termijnen.regels import TermijnSoort, regel

from .models import (
    Afbouwstap,
    Afbouwstapsoort,
    Beeindiging,
    Contactpoging,
    Controlemoment,
    Nazorgcontrole,
    Overdrachtstatus,
    WarmeOverdracht,
)

NAZORGTERMIJN_PER_MOMENT = {
    Controlemoment.EERSTE: TermijnSoort.NAZORG_EERSTE_CONTROLE,
    Controlemoment.TWEEDE: TermijnSoort.NAZORG_TWEEDE_CONTROLE,
}
NAZORG_EINDE_STATUSSEN = frozenset({DossierStatus.BEEINDIGD, DossierStatus.NAZORG, DossierStatus.AFGESLOTEN})


def uht_status(dossier: Dossier) -> str | None:
    """UHT's latest word on recognition in this dossier: UHT_ERKEND, UHT_NIET_ERKEND or None."""
    laatste = (
        dossier.gebeurtenissen.filter(soort__in=(GebeurtenisSoort.UHT_ERKEND, GebeurtenisSoort.UHT_NIET_ERKEND))
        .order_by("-datum", "-id").values_list("soort", flat=True).first()
    )
    return laatste


def termijn(dossier: Dossier, code: str, sleutel: str = "") -> Termijn | None:
    return Termijn.objects.filter(dossier=dossier, regel=code, sleutel=sleutel).first()


def laatste_uitgegeven_planversie(dossier: Dossier) -> Planversie | None:
    return (
        Planversie.objects.filter(dossier=dossier, status=Planstatus.UITGEGEVEN)
        .order_by("-versie").prefetch_related("doelen").first()
    )


def toegekende_voorzieningen(dossier: Dossier) -> list[Voorziening]:
    """What was granted in the latest issued plan version (an addendum carries the earlier ones along).

    These are honoured after the end of support: they run to their own end date (Handreiking §4.4).
    """
    versie = laatste_uitgegeven_planversie(dossier)
    if versie is None:
        return []
    return [
        v for v in versie.voorzieningen.select_related("doel").order_by("id")
        if v.vrij_toegankelijk or v.besluit == Besluit.TOEGEKEND
    ]


def loopt_nog(v: Voorziening, vandaag: date) -> bool:
    return v.einddatum is None or v.einddatum >= vandaag


def leefgebieden_met_doel(dossier: Dossier) -> list[str]:
    versie = laatste_uitgegeven_planversie(dossier)
    if versie is None:
        return []
    codes = {d.leefgebied for d in versie.doelen.all()}
    return [c for c in Leefgebied.values if c in codes]


def overdrachten(dossier: Dossier) -> list[WarmeOverdracht]:
    return list(
        WarmeOverdracht.objects.filter(dossier=dossier).select_related("aanbieder")
        .prefetch_related(Prefetch("controles", queryset=Nazorgcontrole.objects.select_related("door")))
        .order_by("aangemaakt_op", "id")
    )


def overgedragen_leefgebieden(dossier: Dossier) -> set[str]:
    """Leefgebieden whose goal counts as reached because they were handed over (Handreiking §4.4)."""
    return set(
        WarmeOverdracht.objects.filter(
            dossier=dossier, status__in=(Overdrachtstatus.OVERGEDRAGEN, Overdrachtstatus.GESTART)
        ).values_list("leefgebied", flat=True)
    )


def nazorg_open(dossier: Dossier, alle: list[WarmeOverdracht] | None = None) -> list[str]:
    """What still has to happen before the aftercare is done (plain Dutch, one line each); empty = done.

    ``alle``: the dossier's handovers from ``overdrachten`` when the caller has them already."""
    open_: list[str] = []
    for o in overdrachten(dossier) if alle is None else alle:
        naam = f"{o.get_leefgebied_display()} ({o.ontvanger_naam})"
        if o.status == Overdrachtstatus.VOORGESTELD:
            open_.append(f"{naam}: de overdracht is nog alleen voorgesteld.")
            continue
        gedaan = {c.moment for c in o.controles.all()}
        for moment in Controlemoment:
            if moment not in gedaan:
                open_.append(f"{naam}: {moment.label.lower()} is nog niet vastgelegd.")
        if gedaan == set(Controlemoment.values) and o.status == Overdrachtstatus.OVERGEDRAGEN:
            open_.append(f"{naam}: nog niet bekend of de hulp is gestart.")
    return open_


@dataclass(frozen=True)
class Controleregel:
    moment: str
    label: str
    einddatum: date | None
    status: str | None
    controle: Nazorgcontrole | None


@dataclass(frozen=True)
class Overdrachtregel:
    overdracht: WarmeOverdracht
    controles: tuple[Controleregel, ...]


@dataclass(frozen=True)
class Sectie:
    dossier: Dossier
    beeindiging: Beeindiging | None
    acclimatisatie: Termijn | None
    afbouwstappen: tuple[tuple[str, str, Afbouwstap | None], ...]
    contactpogingen: tuple[Contactpoging, ...]
    overdrachten: tuple[Overdrachtregel, ...]
    voorzieningen: tuple[tuple[Voorziening, bool], ...]
    nazorg_open: tuple[str, ...]
    mag_wijzigen: bool
    kan_afbouw_starten: bool
    kan_beeindigen: bool
    kan_nazorg_starten: bool
    kan_afsluiten: bool
    in_afbouw: bool
    nabestaanden: bool = False
    # Survivors' dossiers linked to this person as the deceased applicant (ketenpartners).
    nabestaandendossiers: tuple[Dossier, ...] = ()
    # Ended (status) without a Beeindiging row: ended before the reason was recorded separately.
    beeindigd_zonder_vastlegging: bool = False
    meldingen: tuple[str, ...] = field(default_factory=tuple)


def _controleregels(o: WarmeOverdracht, termijnen: dict[tuple[str, str], Termijn], vandaag: date) -> tuple[Controleregel, ...]:
    per_moment = {c.moment: c for c in o.controles.all()}
    regels = []
    for moment in Controlemoment:
        t = termijnen.get((NAZORGTERMIJN_PER_MOMENT[moment], str(o.pk)))
        status = None
        if t is not None:
            status = termijnstatus(
                aard=regel(t.regel).aard, einddatum=t.einddatum, vandaag=vandaag, bijna_verlopen_dagen=14,
                voldaan_op=t.voldaan_op, vervallen_op=t.vervallen_op,
            )
        regels.append(Controleregel(moment, str(moment.label), t.einddatum if t else None, status, per_moment.get(moment)))
    return tuple(regels)


def dossiersectie(dossier: Dossier, *, vandaag: date, mag_wijzigen: bool) -> Sectie:
    """Everything the "Einde van de ondersteuning" section of the dossier page shows."""
    beeindiging = Beeindiging.objects.filter(dossier=dossier).select_related("beschikking").first()
    termijnen = {
        (t.regel, t.sleutel): t
        for t in Termijn.objects.filter(
            dossier=dossier,
            regel__in=(TermijnSoort.ACCLIMATISATIE, TermijnSoort.NAZORG_EERSTE_CONTROLE, TermijnSoort.NAZORG_TWEEDE_CONTROLE),
        )
    }
    gedaan = {s.stap: s for s in Afbouwstap.objects.filter(dossier=dossier).select_related("door")}
    stappen = tuple((s.value, str(s.label), gedaan.get(s.value)) for s in Afbouwstapsoort)
    alle = overdrachten(dossier)
    status = dossier.status
    heeft_overdracht = any(o.is_overgedragen for o in alle)
    return Sectie(
        dossier=dossier,
        beeindiging=beeindiging,
        acclimatisatie=termijnen.get((TermijnSoort.ACCLIMATISATIE, "")),
        afbouwstappen=stappen,
        contactpogingen=tuple(Contactpoging.objects.filter(dossier=dossier).select_related("door")),
        overdrachten=tuple(Overdrachtregel(o, _controleregels(o, termijnen, vandaag)) for o in alle),
        voorzieningen=tuple((v, loopt_nog(v, vandaag)) for v in toegekende_voorzieningen(dossier)),
        nazorg_open=tuple(nazorg_open(dossier, alle)) if status in NAZORG_EINDE_STATUSSEN else (),
        mag_wijzigen=mag_wijzigen,
        kan_afbouw_starten=mag_wijzigen and status not in NAZORG_EINDE_STATUSSEN and status != DossierStatus.AFBOUW
        and uht_status(dossier) == GebeurtenisSoort.UHT_NIET_ERKEND,
        kan_beeindigen=status not in NAZORG_EINDE_STATUSSEN,
        kan_nazorg_starten=status == DossierStatus.BEEINDIGD and heeft_overdracht,
        kan_afsluiten=status in (DossierStatus.BEEINDIGD, DossierStatus.NAZORG),
        in_afbouw=status == DossierStatus.AFBOUW,
        nabestaanden=bool(beeindiging and beeindiging.huishouden_gaat_door),
        nabestaandendossiers=nabestaandendossiers(dossier) if beeindiging and beeindiging.reden == "OVERLEDEN" else (),
        beeindigd_zonder_vastlegging=beeindiging is None and status in NAZORG_EINDE_STATUSSEN,
    )


def nabestaandendossiers(dossier: Dossier) -> tuple[Dossier, ...]:
    """The survivors' dossiers that name this dossier's rechthebbende as the deceased applicant."""
    return tuple(
        Dossier.objects.filter(overleden_aanvrager__rechthebbende_id=dossier.rechthebbende_id)
        .only("id", "dossiernummer").order_by("id")
    )


# --- Worklist -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Afbouwregel:
    dossier: Dossier
    einddatum: date | None
    status: str | None
    open_stappen: tuple[str, ...]

    @property
    def gestart(self) -> bool:
        return self.dossier.status == DossierStatus.AFBOUW


@dataclass(frozen=True)
class Afbouwblok:
    aantal: int
    regels: tuple[Afbouwregel, ...]

    @property
    def betrokkenen(self) -> list[str]:
        return [r.dossier.rechthebbende.bsn for r in self.regels]

    @property
    def meer(self) -> int:
        return self.aantal - len(self.regels)


def afbouwblok_voor(user, *, vandaag: date, hoeveel: int = 10) -> Afbouwblok:
    """The user's dossiers in afbouw, and those where UHT's "niet erkend" came in but the afbouw was not
    started yet (the 30 days already run): the end of the afbouw and the checklist steps still open."""
    from nieuwestart.dossiers.permissions import dossiers_voor_gebruiker
    from nieuwestart.dossiers.transitions import ACTIEF

    afbouw_loopt = Exists(Termijn.objects.filter(
        dossier_id=OuterRef("pk"), regel=TermijnSoort.ACCLIMATISATIE, voldaan_op__isnull=True, vervallen_op__isnull=True,
    ))
    qs = (
        dossiers_voor_gebruiker(user).filter(behandelaar=user)
        .filter(Q(status=DossierStatus.AFBOUW) | Q(afbouw_loopt, status__in=ACTIEF))
        .select_related("rechthebbende").order_by("volgende_termijn_einddatum", "id")
    )
    dossiers = list(qs[:hoeveel])
    aantal = len(dossiers) if len(dossiers) < hoeveel else qs.count()
    ids = [d.pk for d in dossiers]
    einden = {
        t.dossier_id: t for t in Termijn.objects.filter(dossier_id__in=ids, regel=TermijnSoort.ACCLIMATISATIE)
    }
    gedaan: dict[int, set[str]] = {}
    for dossier_id, stap in Afbouwstap.objects.filter(dossier_id__in=ids).values_list("dossier_id", "stap"):
        gedaan.setdefault(dossier_id, set()).add(stap)
    regels = []
    for d in dossiers:
        t = einden.get(d.pk)
        status = None
        if t is not None:
            status = termijnstatus(aard=regel(t.regel).aard, einddatum=t.einddatum, vandaag=vandaag,
                                   bijna_verlopen_dagen=14, voldaan_op=t.voldaan_op, vervallen_op=t.vervallen_op)
        open_stappen = tuple(str(s.label) for s in Afbouwstapsoort if s.value not in gedaan.get(d.pk, set()))
        regels.append(Afbouwregel(d, t.einddatum if t else None, status, open_stappen))
    return Afbouwblok(aantal=aantal, regels=tuple(regels))


def beeindigingen_met_nabestaanden():
    """Ended by death while the household keeps its right: the survivors' path picks these up (Handreiking §4.6)."""
    return Beeindiging.objects.filter(reden="OVERLEDEN", huishouden_gaat_door=True).select_related("dossier")
