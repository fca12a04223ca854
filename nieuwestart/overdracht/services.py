"""Export a dossier as a transfer package and import one, each in one transaction.

Export (sending municipality): ``pakket_exporteren`` collects the dossier (person, household, event log,
eerste gesprek, verifications, issued plan versions, issued beschikkingen with PDF and DOCX, bezwaren,
special-group and chain-partner records), builds the package (``pakket.py``), records an ``UITGAAND``
``Overdracht`` and the event ``OVERDRACHT_VERZONDEN``. It does not end support: after the rechthebbende
has moved, ``beeindigen_wegens_verhuizing`` does that (the one call to connect to the termination service).

Import (receiving municipality): ``pakket_voorbereiden`` checks the package and stores it for the preview
(nothing at all is stored when it is refused); ``pakket_inlezen`` creates the dossier with its history in
one transaction. Issued plan versions and beschikkingen are frozen records: they are imported the only
lawful way the models allow, as a CONCEPT filled and then moved to UITGEGEVEN once (never changed after),
and beschikkingen as new append-only rows with the original documents and hashes. Every record made by
a person of the sending municipality is attributed to an inactive account that stands for that
municipality ("Gemeente X (overdracht)"), never to the importing case worker. Terms are not copied: the
terms engine recomputes them from the imported events, so they still run from the original eerste gesprek.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nieuwestart.beleid import regels
from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.beschikkingen.models import Beschikking, Bezwaar
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import (
    Aanmeldingsbron,
    Doelgroep,
    Dossier,
    DossierGebeurtenis,
    DossierStatus,
    EersteGesprek,
    Gezinslid,
    Huishouden,
    Hulpvraag,
    Rechthebbende,
    Verificatie,
)
from nieuwestart.dossiers.services import volgend_dossiernummer
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen, voer_transitie_uit
from nieuwestart.ketenpartners.models import Contactmoment, Driegesprek, OverledenAanvrager, Verwijzing
from nieuwestart.plannen.models import Doel, Leefgebiedsituatie, Planstatus, Planversie, Voorziening

from . import pakket as P
from .models import Overdracht, Overdrachtstatus, Richting

RECHTHEBBENDE_VELDEN = (
    "bsn", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "telefoonnummer", "email", "straat",
    "huisnummer", "postcode", "woonplaats", "voorkeurskanaal",
)
VOORZIENING_VELDEN = (
    "omschrijving", "aard", "vrij_toegankelijk", "categorie", "aanbieder_naam", "product_naam", "hoeveelheid", "bedrag",
    "begindatum", "einddatum", "belemmering", "geschiktheid", "noodzaak", "noodzakelijkheid", "evenredigheid",
    "weging_vaardigheden", "weging_draagkracht", "weging_huishouden", "weging_duurzaamheid", "weging_doel",
    "acute_noodsituatie", "acute_noodsituatie_motivering", "hardheidsclausule", "hardheidsclausule_motivering",
    "besluit", "reden_afwijzing", "besluitdatum",
)
LEEFGEBIED_VELDEN = ("leefgebied", "situatie", "voldoet_aan_doelstelling", "hulpvraag", "zrm_start", "zrm_eind")
BEZWAAR_VELDEN = (
    "ontvangen_op", "per_post_verzonden_op", "adviescommissie", "termijn_einde", "tijdig", "toelichting", "verdaagd_op",
    "verdaging_reden", "uitkomst", "uitkomst_datum", "uitkomst_toelichting",
)
# An uploaded package waiting for confirmation is removed after this (it holds personal data).
VOORBEELD_BEWAREN = timedelta(days=1)
# Statuses in which a dossier may still move: an ended or closed dossier is not handed over.
OVERDRAAGBAAR = frozenset({
    DossierStatus.AANGEMELD, DossierStatus.GEVERIFIEERD, DossierStatus.EERSTE_GESPREK_GEVOERD,
    DossierStatus.PLAN_VASTGESTELD, DossierStatus.AFBOUW,
})


# --- helpers --------------------------------------------------------------------------------------

def _json(waarde: Any) -> Any:
    if isinstance(waarde, datetime):
        return waarde.isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return str(waarde)
    return waarde


def _naam(user) -> str:
    return str(user) if user is not None else ""


def _datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _eigen_gemeente() -> tuple[str, str]:
    from nieuwestart.instellingen.selectors import gemeente_instellingen

    inst = gemeente_instellingen()
    return inst.gemeentenaam, inst.gemeentecode


# --- export ---------------------------------------------------------------------------------------

def gegevens_verzamelen(dossier: Dossier, *, door, naar_gemeente: str, naar_gemeentecode: str = "") -> tuple[dict, dict[str, bytes]]:
    """dossier.json (as a dict, valid against the schema) and the document files of one dossier."""
    gemeentenaam, gemeentecode = _eigen_gemeente()
    r = dossier.rechthebbende
    huishouden = getattr(dossier, "huishouden", None)
    gesprek = getattr(dossier, "eerste_gesprek", None)
    bestanden: dict[str, bytes] = {}

    planversies = []
    for pv in Planversie.objects.filter(dossier=dossier, status=Planstatus.UITGEGEVEN).select_related("uitgegeven_door").order_by("versie"):
        doelen = []
        for d in Doel.objects.filter(planversie=pv).order_by("id"):
            doelen.append({
                "ref": d.pk, "overgenomen_van_ref": d.overgenomen_van_id, "leefgebied": d.leefgebied,
                "omschrijving": d.omschrijving,
                "voorzieningen": [
                    {"ref": v.pk, "overgenomen_van_ref": v.overgenomen_van_id, "ongewijzigd_overgenomen": v.ongewijzigd_overgenomen,
                     **{f: _json(getattr(v, f)) for f in VOORZIENING_VELDEN}}
                    for v in Voorziening.objects.filter(doel=d).order_by("id")
                ],
            })
        planversies.append({
            "versie": pv.versie, "soort": pv.soort, "op_hoofdlijnen": pv.op_hoofdlijnen, "toelichting": pv.toelichting,
            "uitgegeven_op": _json(pv.uitgegeven_op), "uitgegeven_door": _naam(pv.uitgegeven_door),
            "leefgebieden": [{f: getattr(lg, f) for f in LEEFGEBIED_VELDEN} for lg in Leefgebiedsituatie.objects.filter(planversie=pv).order_by("id")],
            "doelen": doelen,
        })

    beschikkingen = []
    for b in Beschikking.objects.filter(dossier=dossier).select_related("planversie", "uitgegeven_door").order_by("datum", "id"):
        naam = P.veilige_bestandsnaam(b.kenmerk)
        pdf, docx = bytes(b.pdf), bytes(b.docx)
        bestanden[f"beschikkingen/{naam}.pdf"] = pdf
        bestanden[f"beschikkingen/{naam}.docx"] = docx
        bezwaar = Bezwaar.objects.filter(beschikking=b).first()
        beschikkingen.append({
            "kenmerk": b.kenmerk, "soort": b.soort, "datum": _json(b.datum),
            "planversie": b.planversie.versie if b.planversie_id else None, "inhoud": b.inhoud,
            "sjabloonversie": b.sjabloonversie, "uitgegeven_door": _naam(b.uitgegeven_door),
            "pdf": {"bestand": f"beschikkingen/{naam}.pdf", "sha256": P.sha256(pdf)},
            "docx": {"bestand": f"beschikkingen/{naam}.docx", "sha256": P.sha256(docx)},
            "verzonden_op": _json(b.verzonden_op), "verzonden_via": b.verzonden_via,
            "mondeling_akkoord_op": _json(b.mondeling_akkoord_op), "mondeling_akkoord_hoe": b.mondeling_akkoord_hoe,
            "bezwaar": {f: _json(getattr(bezwaar, f)) for f in BEZWAAR_VELDEN} if bezwaar else None,
        })

    overleden = OverledenAanvrager.objects.filter(dossier=dossier).first()
    gegevens = {
        "schemaversie": P.SCHEMAVERSIE,
        "gemaakt_op": timezone.now().isoformat(),
        "afzender": {"gemeentenaam": gemeentenaam, "gemeentecode": gemeentecode, "gemaakt_door": _naam(door)},
        "ontvanger": {"gemeentenaam": naar_gemeente, "gemeentecode": naar_gemeentecode},
        "rechthebbende": {f: _json(getattr(r, f)) for f in RECHTHEBBENDE_VELDEN},
        "dossier": {
            "dossiernummer": dossier.dossiernummer, "doelgroep": dossier.doelgroep, "status": dossier.status,
            "bron": dossier.bron, "aanmelddatum": _json(dossier.aanmelddatum),
        },
        "huishouden": None if huishouden is None else {
            "peildatum": _json(huishouden.peildatum),
            "leden": [
                {"voornamen": g.voornamen, "achternaam": g.achternaam, "geboortedatum": _json(g.geboortedatum),
                 "relatie": g.relatie, "bsn": g.bsn, "inwonend": g.inwonend}
                for g in huishouden.leden.all()
            ],
        },
        "eerste_gesprek": None if gesprek is None else {
            "datum": _json(gesprek.datum), "gevoerd_door": _naam(gesprek.gevoerd_door), "aanwezigen": gesprek.aanwezigen,
            "acute_situatie": gesprek.acute_situatie, "acute_toelichting": gesprek.acute_toelichting,
            "hulpvragen": [{"leefgebied": h.leefgebied, "omschrijving": h.omschrijving} for h in gesprek.hulpvragen.all()],
        },
        "verificaties": [
            {"ref": v.pk, "datum": _json(v.datum), "uitgevoerd_door": _naam(v.uitgevoerd_door),
             "contactpersoon_uht": v.contactpersoon_uht, "uitkomst": v.uitkomst, "toelichting": v.toelichting}
            for v in Verificatie.objects.filter(dossier=dossier).select_related("uitgevoerd_door")
        ],
        "gebeurtenissen": [
            {"soort": g.soort, "datum": _json(g.datum), "vastgelegd_op": _json(g.vastgelegd_op), "door": _naam(g.door),
             "gegevens": g.gegevens, "toelichting": g.toelichting}
            for g in DossierGebeurtenis.objects.filter(dossier=dossier).select_related("door").order_by("id")
        ],
        "planversies": planversies,
        "beschikkingen": beschikkingen,
        "ketenpartners": {
            "overleden_aanvrager": None if overleden is None else {
                "ref": overleden.pk, "naam": overleden.naam, "bsn": overleden.bsn,
                "overlijdensdatum": _json(overleden.overlijdensdatum), "aangemeld_bij_uht_op": _json(overleden.aangemeld_bij_uht_op),
                "relatie": overleden.relatie, "ondersteuning": list(overleden.ondersteuning),
                "recht_behouden": overleden.recht_behouden, "toelichting": overleden.toelichting,
            },
            "driegesprekken": [
                {"ref": d.pk, "initiatief": d.initiatief, "aangevraagd_op": _json(d.aangevraagd_op),
                 "zaakbehandelaar_uht": d.zaakbehandelaar_uht, "onderwerpen": d.onderwerpen, "gepland_op": _json(d.gepland_op),
                 "vorm": d.vorm, "gehouden_op": _json(d.gehouden_op), "uitkomst": d.uitkomst}
                for d in Driegesprek.objects.filter(dossier=dossier)
            ],
            "verwijzingen": [
                {"ref": v.pk, "partner": v.partner, "datum": _json(v.datum), "contactpersoon": v.contactpersoon,
                 "reden": v.reden, "erkenningsdatum": _json(v.erkenningsdatum), "ingediend_op": _json(v.ingediend_op),
                 "maatregel": v.maatregel, "uitkomst": v.uitkomst, "afgerond_op": _json(v.afgerond_op),
                 "uitkomst_toelichting": v.uitkomst_toelichting,
                 "contacten": [{"datum": _json(c.datum), "kanaal": c.kanaal, "verslag": c.verslag, "door": _naam(c.door)}
                               for c in v.contacten.select_related("door").order_by("datum", "id")]}
                for v in Verwijzing.objects.filter(dossier=dossier)
            ],
        },
    }
    return gegevens, bestanden


@transaction.atomic
def pakket_exporteren(
    *, dossier: Dossier, door, naar_gemeente: str, vandaag: date, naar_gemeentecode: str = "", toelichting: str = ""
) -> tuple[Overdracht, bytes]:
    """Build the package, record the transfer and the event OVERDRACHT_VERZONDEN. Returns the row and the ZIP."""
    dossier = Dossier.objects.select_for_update().select_related("rechthebbende").get(pk=dossier.pk)
    if dossier.status not in OVERDRAAGBAAR:
        raise RegelOvertreding(regels.OVERDRACHT_ALLEEN_LOPEND_DOSSIER)
    gegevens, bestanden = gegevens_verzamelen(dossier, door=door, naar_gemeente=naar_gemeente, naar_gemeentecode=naar_gemeentecode)
    # Never hand out a package the receiving side would refuse.
    P._valideer(gegevens, P.pakket_schema(), wat="dossier.json")
    data = P.pakket_maken(gegevens, bestanden)
    overdracht = Overdracht.objects.create(
        richting=Richting.UITGAAND, status=Overdrachtstatus.VERZONDEN, dossier=dossier, andere_gemeente=naar_gemeente,
        andere_gemeentecode=naar_gemeentecode, oorspronkelijk_dossiernummer=dossier.dossiernummer,
        schemaversie=P.SCHEMAVERSIE, pakket_sha256=P.sha256(data), bestandsnaam=f"overdracht-{dossier.dossiernummer}.zip",
        toelichting=toelichting, door=door,
    )
    gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.OVERDRACHT_VERZONDEN, door=door, datum=vandaag,
        gegevens={"overdracht": str(overdracht.pk), "gemeente": naar_gemeente, "pakket_sha256": overdracht.pakket_sha256},
        toelichting=_("Overdrachtspakket gemaakt voor %(gemeente)s") % {"gemeente": naar_gemeente},
    )
    return overdracht, data


@transaction.atomic
def beeindigen_wegens_verhuizing(*, dossier: Dossier, door, datum: date, overdracht: Overdracht, vandaag: date):
    """End support because the rechthebbende moved to another municipality (after the package was sent),
    through the termination service: reason "verhuisd", granted provisions honoured, no new ones."""
    from nieuwestart.beeindiging.services import beeindigen

    if overdracht.richting != Richting.UITGAAND or overdracht.dossier_id != dossier.pk:
        raise ValueError("Only an outgoing transfer of this dossier ends it")
    return beeindigen(
        dossier=dossier, reden="VERHUISD", einddatum=datum, door=door, vandaag=vandaag,
        nieuwe_gemeente=overdracht.andere_gemeente,
        toelichting=_("Het dossier is overgedragen aan %(gemeente)s (controlegetal van het pakket: %(kenmerk)s…).") % {
            "gemeente": overdracht.andere_gemeente, "kenmerk": overdracht.pakket_sha256[:12]},
    )


# --- import ---------------------------------------------------------------------------------------

def _weigeren(bericht: str) -> RegelOvertreding:
    return RegelOvertreding(regels.OVERDRACHT_PAKKET_ONGELDIG, bericht, veld="pakket")


def pakket_controleren(data: bytes, *, verwacht_sha256: str = "") -> P.GelezenPakket:
    """Every check of ``pakket.pakket_lezen`` plus the checks against this installation (no writes)."""
    try:
        gelezen = P.pakket_lezen(data)
    except P.OngeldigPakket as fout:
        raise _weigeren(fout.bericht) from None
    if verwacht_sha256 and verwacht_sha256.strip().lower() != gelezen.sha256:
        raise _weigeren(_(
            "Het controlegetal (SHA-256) van dit pakket is anders dan de andere gemeente doorgaf. Het pakket is "
            "onderweg veranderd of het is een ander pakket. Er is niets ingelezen."
        ))
    g = gelezen.gegevens
    onbekend = sorted({e["soort"] for e in g["gebeurtenissen"]} - set(GebeurtenisSoort.values))
    if onbekend:
        raise _weigeren(_("Het pakket bevat gebeurtenissen die deze installatie niet kent (%(soorten)s). Vraag de functioneel beheerder om Nieuwe Start bij te werken, en lees het pakket daarna opnieuw in.")
                        % {"soorten": ", ".join(onbekend)})
    for veld, keuzes in (("doelgroep", Doelgroep.values), ("status", DossierStatus.values), ("bron", Aanmeldingsbron.values)):
        if g["dossier"][veld] not in keuzes:
            raise _weigeren(_("Het pakket noemt een onbekende waarde voor %(veld)s: %(waarde)s. Er is niets ingelezen. Vraag de andere gemeente om een nieuw pakket.") % {"veld": veld, "waarde": g["dossier"][veld]})
    if g["dossier"]["status"] not in OVERDRAAGBAAR:
        raise _weigeren(_("Het dossier in dit pakket is al beëindigd of afgesloten. Alleen een lopend dossier wordt overgedragen."))
    _waarden_controleren(g)
    _persoon_controleren(g["rechthebbende"], g["dossier"]["doelgroep"], team=None)
    return gelezen


def _waarden_controleren(g: dict) -> None:
    """Codes and BSNs the schema only checks by shape: they must mean something in this installation."""
    from nieuwestart.beschikkingen.models import BeschikkingSoort
    from nieuwestart.common.bsn import is_geldig_bsn
    from nieuwestart.dossiers.models import Contactkanaal, Leefgebied, Relatie, VerificatieUitkomst
    from nieuwestart.ketenpartners.models import Initiatiefnemer, Ketenpartner, RelatieTotOverledene
    from nieuwestart.plannen.models import Aard, Categorie

    k = g["ketenpartners"]
    leden = g["huishouden"]["leden"] if g["huishouden"] else []
    bsns = [g["rechthebbende"]["bsn"], *(lid["bsn"] for lid in leden if lid["bsn"])]
    if k["overleden_aanvrager"] and k["overleden_aanvrager"]["bsn"]:
        bsns.append(k["overleden_aanvrager"]["bsn"])
    for bsn in bsns:
        if not is_geldig_bsn(bsn):
            raise _weigeren(_("Het pakket bevat een BSN dat niet klopt (elfproef). Er is niets ingelezen."))
    doelen = [d for pv in g["planversies"] for d in pv["doelen"]]
    codes = [
        (g["rechthebbende"]["voorkeurskanaal"], Contactkanaal.values),
        *((lid["relatie"], Relatie.values) for lid in leden),
        *((v["uitkomst"], VerificatieUitkomst.values) for v in g["verificaties"]),
        *((h["leefgebied"], Leefgebied.values) for h in (g["eerste_gesprek"] or {}).get("hulpvragen", [])),
        *((lg["leefgebied"], Leefgebied.values) for pv in g["planversies"] for lg in pv["leefgebieden"]),
        *((d["leefgebied"], Leefgebied.values) for d in doelen),
        *((v["aard"], Aard.values) for d in doelen for v in d["voorzieningen"]),
        *((v["categorie"], Categorie.values) for d in doelen for v in d["voorzieningen"]),
        *((b["soort"], BeschikkingSoort.values) for b in g["beschikkingen"]),
        *((d["initiatief"], Initiatiefnemer.values) for d in k["driegesprekken"]),
        *((v["partner"], Ketenpartner.values) for v in k["verwijzingen"]),
        *((c["kanaal"], Contactkanaal.values) for v in k["verwijzingen"] for c in v["contacten"]),
    ]
    if k["overleden_aanvrager"]:
        codes.append((k["overleden_aanvrager"]["relatie"], RelatieTotOverledene.values))
    for waarde, keuzes in codes:
        if waarde not in keuzes:
            raise _weigeren(_("Het pakket noemt een onbekende waarde: %(waarde)s. Er is niets ingelezen.") % {"waarde": waarde})


def _persoon_controleren(persoon: dict, doelgroep: str, *, team) -> Rechthebbende | None:
    bestaand = Rechthebbende.objects.filter(bsn=persoon["bsn"]).first()
    if bestaand is None:
        return None
    if (
        str(bestaand.geboortedatum) != persoon["geboortedatum"]
        or bestaand.achternaam.strip().lower() != persoon["achternaam"].strip().lower()
    ):
        raise RegelOvertreding(regels.BSN_HOORT_BIJ_ANDERE_GEGEVENS, veld="pakket")
    if bestaand.dossiers.open().filter(doelgroep=doelgroep).exists():
        raise RegelOvertreding(regels.OVERDRACHT_AL_OPEN_DOSSIER, veld="pakket")
    if team is not None:
        teams = set(bestaand.dossiers.values_list("team_id", flat=True))
        if teams and team.pk not in teams:
            raise RegelOvertreding(regels.BEKEND_IN_ANDER_TEAM, veld="team")
    return bestaand


@transaction.atomic
def pakket_voorbereiden(*, data: bytes, bestandsnaam: str, door, verwacht_sha256: str = "") -> Overdracht:
    """Check an uploaded package and keep it for the preview. A refused package stores nothing."""
    gelezen = pakket_controleren(data, verwacht_sha256=verwacht_sha256)
    if Overdracht.objects.filter(richting=Richting.INKOMEND, status=Overdrachtstatus.INGELEZEN, pakket_sha256=gelezen.sha256).exists():
        raise RegelOvertreding(regels.OVERDRACHT_AL_OPEN_DOSSIER, veld="pakket")
    g = gelezen.gegevens
    # A preview holds personal data: keep one per user, and none older than a day.
    Overdracht.objects.filter(richting=Richting.INKOMEND, status=Overdrachtstatus.VOORBEELD).filter(
        Q(door=door) | Q(aangemaakt_op__lt=timezone.now() - VOORBEELD_BEWAREN)
    ).delete()
    return Overdracht.objects.create(
        richting=Richting.INKOMEND, status=Overdrachtstatus.VOORBEELD, andere_gemeente=g["afzender"]["gemeentenaam"],
        andere_gemeentecode=g["afzender"]["gemeentecode"], oorspronkelijk_dossiernummer=g["dossier"]["dossiernummer"],
        schemaversie=gelezen.schemaversie, pakket_sha256=gelezen.sha256, bestandsnaam=bestandsnaam[:200], pakket=data,
        door=door,
    )


def voorbeeld(overdracht: Overdracht) -> P.GelezenPakket:
    """The stored, already checked package again (for the preview page)."""
    return P.pakket_lezen(bytes(overdracht.pakket))


def _gemeente_account(naam: str, code: str):
    """An inactive account that stands for the sending municipality: records made there are attributed to it."""
    User = get_user_model()
    gebruikersnaam = f"overdracht-gm{code}"
    account, nieuw = User.objects.get_or_create(
        username=gebruikersnaam, defaults={"first_name": naam, "last_name": _("(overdracht)"), "is_active": False}
    )
    if nieuw:
        account.set_unusable_password()
        account.save(update_fields=["password"])
    return account


def _nieuwe_gegevens(gegevens: dict, *, kaarten: dict[str, dict], kenmerken: dict[str, str], origineel: dict) -> dict:
    """An imported event's gegevens with ids of this installation; the original values are kept under 'overgenomen'."""
    nieuw = dict(gegevens)
    for sleutel, kaart in kaarten.items():
        if sleutel in nieuw:
            waarde = nieuw.pop(sleutel)
            if waarde in kaart:
                nieuw[sleutel] = kaart[waarde]
    for sleutel in ("goedkeuring", "overdracht"):
        nieuw.pop(sleutel, None)
    if "beschikking" in nieuw and nieuw["beschikking"] in kenmerken:
        nieuw["beschikking"] = kenmerken[nieuw["beschikking"]]
    nieuw["overgenomen"] = origineel
    return nieuw


def pakket_inlezen(*, overdracht: Overdracht, door, team, vandaag: date, nieuw_adres: dict[str, str] | None = None) -> Dossier:
    """Create the dossier from a previewed package; all or nothing.

    Data the database refuses (a constraint of this installation the package breaks) is a refused
    package too: the transaction has rolled back, so nothing is left behind.
    """
    try:
        return _inlezen(overdracht=overdracht, door=door, team=team, vandaag=vandaag, nieuw_adres=nieuw_adres or {})
    except (IntegrityError, ValidationError, ValueError, KeyError) as fout:
        raise _weigeren(
            _("Het pakket bevat gegevens die in deze installatie niet kloppen. Er is niets ingelezen. "
              "Vraag de andere gemeente om een nieuw pakket, of vraag de functioneel beheerder om hulp.")
        ) from fout


@transaction.atomic
def _inlezen(*, overdracht: Overdracht, door, team, vandaag: date, nieuw_adres: dict[str, str]) -> Dossier:
    overdracht = Overdracht.objects.select_for_update().get(pk=overdracht.pk)
    if overdracht.status != Overdrachtstatus.VOORBEELD:
        raise RegelOvertreding(regels.OVERDRACHT_AL_OPEN_DOSSIER, veld="pakket")
    gelezen = pakket_controleren(bytes(overdracht.pakket), verwacht_sha256=overdracht.pakket_sha256)
    g = gelezen.gegevens
    afzender = g["afzender"]
    account = _gemeente_account(afzender["gemeentenaam"], afzender["gemeentecode"])
    persoon = g["rechthebbende"]
    rechthebbende = _persoon_controleren(persoon, g["dossier"]["doelgroep"], team=team)
    if rechthebbende is None:
        velden = {f: persoon[f] for f in RECHTHEBBENDE_VELDEN}
        velden["geboortedatum"] = _datum(velden["geboortedatum"])
        rechthebbende = Rechthebbende(**velden)
        rechthebbende.full_clean(validate_unique=False)
        rechthebbende.save()
    if nieuw_adres:
        # The person moved: the address in the package is the old one.
        for veld, waarde in nieuw_adres.items():
            setattr(rechthebbende, veld, waarde)
        rechthebbende.save(update_fields=list(nieuw_adres))
    d = g["dossier"]
    aanmelddatum = _datum(d["aanmelddatum"])
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(
                dossiernummer=volgend_dossiernummer(vandaag.year), rechthebbende=rechthebbende, doelgroep=d["doelgroep"],
                status=d["status"], bron=d["bron"], aanmelddatum=aanmelddatum, team=team, behandelaar=door,
            )
    except IntegrityError:
        raise RegelOvertreding(regels.OVERDRACHT_AL_OPEN_DOSSIER, veld="pakket") from None

    if g["huishouden"] is not None:
        hh = Huishouden.objects.create(dossier=dossier, peildatum=_datum(g["huishouden"]["peildatum"]))
        Gezinslid.objects.bulk_create(
            Gezinslid(huishouden=hh, voornamen=lid["voornamen"], achternaam=lid["achternaam"],
                      geboortedatum=_datum(lid["geboortedatum"]), relatie=lid["relatie"], bsn=lid["bsn"], inwonend=lid["inwonend"])
            for lid in g["huishouden"]["leden"]
        )
    if g["eerste_gesprek"] is not None:
        eg = g["eerste_gesprek"]
        gesprek = EersteGesprek.objects.create(
            dossier=dossier, datum=_datum(eg["datum"]), gevoerd_door=account, aanwezigen=eg["aanwezigen"],
            acute_situatie=eg["acute_situatie"], acute_toelichting=eg["acute_toelichting"],
        )
        Hulpvraag.objects.bulk_create(
            Hulpvraag(eerste_gesprek=gesprek, leefgebied=h["leefgebied"], omschrijving=h["omschrijving"]) for h in eg["hulpvragen"]
        )
    verificaties = {}
    for v in g["verificaties"]:
        verificaties[v["ref"]] = Verificatie.objects.create(
            dossier=dossier, datum=_datum(v["datum"]), uitgevoerd_door=account, contactpersoon_uht=v["contactpersoon_uht"],
            uitkomst=v["uitkomst"], toelichting=_overgenomen_toelichting(v["toelichting"], v["uitgevoerd_door"]),
        ).pk

    planversies, doelen, voorzieningen = _plannen_inlezen(dossier, g["planversies"], account)
    kenmerken = _beschikkingen_inlezen(dossier, g["beschikkingen"], gelezen.bestanden, account, planversies, afzender["gemeentecode"])
    ketenids = _ketenpartners_inlezen(dossier, g["ketenpartners"], account)

    # Planversie ids in event gegevens: the import maps the original pk through the version number.
    pv_per_pk = {}
    for e in g["gebeurtenissen"]:
        if "planversie" in e["gegevens"] and "versie" in e["gegevens"] and e["gegevens"]["versie"] in planversies:
            pv_per_pk[e["gegevens"]["planversie"]] = planversies[e["gegevens"]["versie"]].pk
    kaarten = {
        "planversie": pv_per_pk, "voorziening": voorzieningen, "verificatie": verificaties,
        "driegesprek": ketenids["driegesprek"], "verwijzing": ketenids["verwijzing"],
        "overleden_aanvrager": ketenids["overleden_aanvrager"],
    }
    DossierGebeurtenis.objects.bulk_create(
        DossierGebeurtenis(
            dossier=dossier, soort=e["soort"], datum=_datum(e["datum"]), door=account, toelichting=e["toelichting"],
            gegevens=_nieuwe_gegevens(
                e["gegevens"], kaarten=kaarten, kenmerken=kenmerken,
                origineel={"gemeente": afzender["gemeentenaam"], "door": e["door"], "vastgelegd_op": e["vastgelegd_op"]},
            ),
        )
        for e in g["gebeurtenissen"]
    )
    overdracht.status = Overdrachtstatus.INGELEZEN
    overdracht.dossier = dossier
    overdracht.pakket = b""
    overdracht.ingelezen_op = timezone.now()
    overdracht.door = door
    overdracht.save()
    # The terms are recomputed from the imported events here (not copied from the package).
    gebeurtenis_vastleggen(
        dossier, GebeurtenisSoort.OVERDRACHT_ONTVANGEN, door=door, datum=vandaag,
        gegevens={"overdracht": str(overdracht.pk), "gemeente": afzender["gemeentenaam"],
                  "oorspronkelijk_dossiernummer": d["dossiernummer"], "pakket_sha256": overdracht.pakket_sha256},
        toelichting=_("Ontvangen van %(gemeente)s (daar dossier %(nummer)s)") % {"gemeente": afzender["gemeentenaam"], "nummer": d["dossiernummer"]},
    )
    return dossier


def _overgenomen_toelichting(tekst: str, door: str) -> str:
    if not door:
        return tekst
    return (f"{tekst}\n" if tekst else "") + _("(vastgelegd door %(door)s bij de vorige gemeente)") % {"door": door}


def _plannen_inlezen(dossier, versies: list[dict], account) -> tuple[dict[int, Planversie], dict[int, int], dict[int, int]]:
    """Issued versions as frozen records: created as a concept, filled, then issued once, as the model allows."""
    per_versie: dict[int, Planversie] = {}
    doelen: dict[int, int] = {}
    voorzieningen: dict[int, int] = {}
    for pv in sorted(versies, key=lambda v: v["versie"]):
        versie = Planversie.objects.create(
            dossier=dossier, versie=pv["versie"], soort=pv["soort"], op_hoofdlijnen=pv["op_hoofdlijnen"],
            toelichting=pv["toelichting"], aangemaakt_door=account,
        )
        for lg in pv["leefgebieden"]:
            Leefgebiedsituatie.objects.create(planversie=versie, **{f: lg[f] for f in LEEFGEBIED_VELDEN})
        for doel in pv["doelen"]:
            nieuw_doel = Doel.objects.create(
                planversie=versie, leefgebied=doel["leefgebied"], omschrijving=doel["omschrijving"],
                overgenomen_van_id=doelen.get(doel["overgenomen_van_ref"]),
            )
            doelen[doel["ref"]] = nieuw_doel.pk
            for v in doel["voorzieningen"]:
                velden = {f: v[f] for f in VOORZIENING_VELDEN}
                for f in ("begindatum", "einddatum", "besluitdatum"):
                    velden[f] = _datum(velden[f])
                velden["bedrag"] = Decimal(velden["bedrag"]) if velden["bedrag"] is not None else None
                nieuw = Voorziening.objects.create(
                    planversie=versie, doel=nieuw_doel, overgenomen_van_id=voorzieningen.get(v["overgenomen_van_ref"]),
                    ongewijzigd_overgenomen=v["ongewijzigd_overgenomen"], **velden,
                )
                voorzieningen[v["ref"]] = nieuw.pk
        versie.status = Planstatus.UITGEGEVEN
        versie.uitgegeven_op = _datum(pv["uitgegeven_op"])
        versie.uitgegeven_door = account
        versie.save()
        per_versie[pv["versie"]] = versie
    return per_versie, doelen, voorzieningen


def _beschikkingen_inlezen(dossier, beschikkingen: list[dict], bestanden: dict[str, bytes], account, planversies, gemeentecode) -> dict[str, str]:
    """New append-only rows with the original documents; the kenmerk gets the sending municipality's code in
    front (GM0303-…), so it can never collide with a beschikking of this municipality. Returns old → new kenmerk."""
    kenmerken = {}
    for b in beschikkingen:
        kenmerk = f"GM{gemeentecode}-{b['kenmerk']}"
        if Beschikking.objects.filter(kenmerk=kenmerk).exists():
            raise RegelOvertreding(regels.OVERDRACHT_AL_OPEN_DOSSIER, veld="pakket")
        pdf, docx = bestanden[b["pdf"]["bestand"]], bestanden[b["docx"]["bestand"]]
        nieuw = Beschikking.objects.create(
            dossier=dossier, planversie=planversies.get(b["planversie"]) if b["planversie"] else None, soort=b["soort"],
            kenmerk=kenmerk, datum=_datum(b["datum"]), inhoud=b["inhoud"], pdf=pdf, pdf_sha256=b["pdf"]["sha256"],
            docx=docx, docx_sha256=b["docx"]["sha256"], sjabloonversie=f"overgenomen: {b['sjabloonversie']}"[:200],
            uitgegeven_door=account, verzonden_op=_datum(b["verzonden_op"]), verzonden_via=b["verzonden_via"],
            verzending_vastgelegd_door=account if b["verzonden_op"] else None,
            mondeling_akkoord_op=_datum(b["mondeling_akkoord_op"]), mondeling_akkoord_hoe=b["mondeling_akkoord_hoe"],
            mondeling_akkoord_vastgelegd_door=account if b["mondeling_akkoord_op"] else None,
        )
        if b["bezwaar"] is not None:
            bz = dict(b["bezwaar"])
            for f in ("ontvangen_op", "per_post_verzonden_op", "termijn_einde", "verdaagd_op", "uitkomst_datum"):
                bz[f] = _datum(bz[f])
            Bezwaar.objects.create(
                beschikking=nieuw, geregistreerd_door=account, afgehandeld_door=account if bz["uitkomst"] else None, **bz
            )
        kenmerken[b["kenmerk"]] = kenmerk
    return kenmerken


def _ketenpartners_inlezen(dossier, k: dict, account) -> dict[str, dict[int, int]]:
    ids: dict[str, dict[int, int]] = {"overleden_aanvrager": {}, "driegesprek": {}, "verwijzing": {}}
    oa = k["overleden_aanvrager"]
    if oa is not None:
        bekend = Rechthebbende.objects.filter(bsn=oa["bsn"]).first() if oa["bsn"] else None
        nieuw = OverledenAanvrager.objects.create(
            dossier=dossier, rechthebbende=bekend, naam=oa["naam"], bsn=oa["bsn"], overlijdensdatum=_datum(oa["overlijdensdatum"]),
            aangemeld_bij_uht_op=_datum(oa["aangemeld_bij_uht_op"]), relatie=oa["relatie"], ondersteuning=oa["ondersteuning"],
            recht_behouden=oa["recht_behouden"], toelichting=oa["toelichting"], vastgelegd_door=account,
        )
        ids["overleden_aanvrager"][oa["ref"]] = nieuw.pk
    for d in k["driegesprekken"]:
        ids["driegesprek"][d["ref"]] = Driegesprek.objects.create(
            dossier=dossier, initiatief=d["initiatief"], aangevraagd_op=_datum(d["aangevraagd_op"]),
            zaakbehandelaar_uht=d["zaakbehandelaar_uht"], onderwerpen=d["onderwerpen"], gepland_op=_datum(d["gepland_op"]),
            vorm=d["vorm"], gehouden_op=_datum(d["gehouden_op"]), uitkomst=d["uitkomst"], aangemaakt_door=account,
        ).pk
    for v in k["verwijzingen"]:
        nieuw = Verwijzing.objects.create(
            dossier=dossier, partner=v["partner"], datum=_datum(v["datum"]), contactpersoon=v["contactpersoon"],
            reden=v["reden"], erkenningsdatum=_datum(v["erkenningsdatum"]), ingediend_op=_datum(v["ingediend_op"]),
            maatregel=v["maatregel"], uitkomst=v["uitkomst"], afgerond_op=_datum(v["afgerond_op"]),
            uitkomst_toelichting=v["uitkomst_toelichting"], aangemaakt_door=account,
        )
        Contactmoment.objects.bulk_create(
            Contactmoment(verwijzing=nieuw, datum=_datum(c["datum"]), kanaal=c["kanaal"],
                          verslag=_overgenomen_toelichting(c["verslag"], c["door"]), door=account)
            for c in v["contacten"]
        )
        ids["verwijzing"][v["ref"]] = nieuw.pk
    return ids
