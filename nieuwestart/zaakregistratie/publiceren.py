"""Publishing a dossier to the zaakregistratie: the zaak, its rol, statuses, end dates, besluiten
with their PDF, and at the end the resultaat and eindstatus. Runs in the task worker, never in a
user's request; every step is idempotent (see ``models.py``).

Order, as the ZGW APIs require it:
ZAAK → ROL (rechthebbende by BSN) → end dates → per beschikking BESLUIT, document (PDF),
zaakinformatieobject, besluitinformatieobject → STATUSsen in the order of the events; when the
dossier reaches ``afsluiten_bij`` (default BEEINDIGD) ``zaak_afsluiten`` sets the RESULTAAT and the
eindstatus, which closes the zaak. Nothing is sent for a closed zaak after that.

A failure (the other side is down, refuses, answers late) stops the run, stores the reason on the
``Zaakkoppeling`` (shown on the dossier page) and plans a retry with exponential backoff; what was
already sent stays recorded, so the next run continues where this one stopped.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from nieuwestart.beschikkingen.models import Beschikking
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Dossier, DossierGebeurtenis, DossierStatus
from nieuwestart.logboek.services import openstaande_regels_vastleggen, verwerking
from nieuwestart.termijnen.models import Termijn
from nieuwestart.termijnen.regels import TermijnSoort

from .client import ZgwClient, ZgwFout
from .config import ZgwInstelling, instelling
from .models import Publicatie, Soort, Stand, Zaakkoppeling

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
EERSTE_WACHTTIJD = timedelta(seconds=30)
LANGSTE_WACHTTIJD = timedelta(hours=6)

# The events that change a dossier's status (transitions.py), and the status they lead to.
STATUS_VAN_GEBEURTENIS = {
    GebeurtenisSoort.AANGEMELD: DossierStatus.AANGEMELD,
    GebeurtenisSoort.GEVERIFIEERD: DossierStatus.GEVERIFIEERD,
    GebeurtenisSoort.EERSTE_GESPREK_GEVOERD: DossierStatus.EERSTE_GESPREK_GEVOERD,
    GebeurtenisSoort.PLAN_VASTGESTELD: DossierStatus.PLAN_VASTGESTELD,
    GebeurtenisSoort.AFBOUW_GESTART: DossierStatus.AFBOUW,
    GebeurtenisSoort.BEEINDIGD: DossierStatus.BEEINDIGD,
    GebeurtenisSoort.NAZORG_GESTART: DossierStatus.NAZORG,
    GebeurtenisSoort.AFGESLOTEN: DossierStatus.AFGESLOTEN,
}


@dataclass(frozen=True)
class Uitkomst:
    stand: str
    opnieuw_op: datetime | None = None  # when to try again (failure, or another worker was busy)


def wachttijd(pogingen: int) -> timedelta:
    """30 s, 1 min, 2 min, … up to 6 hours between attempts."""
    return min(EERSTE_WACHTTIJD * (2 ** max(0, pogingen - 1)), LANGSTE_WACHTTIJD)


# --- the run ------------------------------------------------------------------------------------


def publiceren(dossier_id: int, *, nu: datetime | None = None, client: ZgwClient | None = None) -> Uitkomst | None:
    """Bring the zaakregistratie up to date with this dossier. None when the link is off or the dossier is gone."""
    inst = instelling()
    if inst is None:
        return None
    nu = nu or timezone.now()
    try:
        dossier = Dossier.objects.select_related("rechthebbende").get(pk=dossier_id)
    except Dossier.DoesNotExist:
        return None
    koppeling, _nieuw = Zaakkoppeling.objects.get_or_create(dossier=dossier)
    # Take the lease: an atomic UPDATE, so two workers never send the same dossier at once.
    if not Zaakkoppeling.objects.filter(pk=koppeling.pk).filter(Q(bezig_tot__isnull=True) | Q(bezig_tot__lt=nu)).update(
        bezig_tot=nu + LEASE
    ):
        return Uitkomst(Stand.IN_WACHTRIJ, opnieuw_op=nu + timedelta(minutes=1))
    client = client or ZgwClient(inst)
    try:
        with verwerking(None, naam="zaak_publiceren", betrokkenen=[dossier.rechthebbende.bsn], object_type="dossier",
                        object_id=dossier.dossiernummer):
            _stappen(koppeling, dossier, client, inst, nu=nu)
    except ZgwFout as fout:
        openstaande_regels_vastleggen()
        koppeling.pogingen += 1
        koppeling.stand = Stand.MISLUKT
        koppeling.fout = fout.melding
        koppeling.volgende_poging = nu + wachttijd(koppeling.pogingen) if koppeling.pogingen < inst.max_pogingen else None
        koppeling.bezig_tot = None
        koppeling.save(update_fields=["pogingen", "stand", "fout", "volgende_poging", "bezig_tot", "zaak_url", "gewijzigd_op"])
        logger.warning("Zaakregistratie: dossier %s niet gepubliceerd: %s", dossier.dossiernummer, fout.melding)
        return Uitkomst(Stand.MISLUKT, opnieuw_op=koppeling.volgende_poging)
    except Exception:
        Zaakkoppeling.objects.filter(pk=koppeling.pk).update(bezig_tot=None)
        raise
    koppeling.stand, koppeling.fout, koppeling.pogingen = Stand.VERZONDEN, "", 0
    koppeling.volgende_poging, koppeling.bezig_tot, koppeling.laatst_verzonden_op = None, None, timezone.now()
    koppeling.save(update_fields=[
        "stand", "fout", "pogingen", "volgende_poging", "bezig_tot", "laatst_verzonden_op", "zaak_url", "gewijzigd_op",
    ])
    return Uitkomst(Stand.VERZONDEN)


def _eenmalig(koppeling: Zaakkoppeling, soort: str, sleutel: str, maken) -> str:
    """Create the remote object only if no publication row says it exists; record its URL at once."""
    bestaand = Publicatie.objects.filter(koppeling=koppeling, soort=soort, sleutel=sleutel).values_list("url", flat=True).first()
    if bestaand is not None:
        return bestaand
    url = maken() or ""
    try:
        with transaction.atomic():
            Publicatie.objects.create(koppeling=koppeling, soort=soort, sleutel=sleutel, url=url)
    except IntegrityError:  # recorded meanwhile by a run whose lease had expired
        pass
    return url


def _gesloten(koppeling: Zaakkoppeling) -> bool:
    return Publicatie.objects.filter(koppeling=koppeling, soort=Soort.STATUS, sleutel="eindstatus").exists()


def _stappen(koppeling: Zaakkoppeling, dossier: Dossier, client: ZgwClient, inst: ZgwInstelling, *, nu) -> None:
    zaak = _eenmalig(koppeling, Soort.ZAAK, "zaak", lambda: _zaak_maken(dossier, client, inst))
    if koppeling.zaak_url != zaak:
        koppeling.zaak_url = zaak
    if _gesloten(koppeling):
        return
    rh = dossier.rechthebbende
    _eenmalig(koppeling, Soort.ROL, f"rechthebbende:{rh.pk}", lambda: client.post(f"{inst.zaken_api}/rollen", {
        "zaak": zaak, "betrokkeneType": "natuurlijk_persoon", "roltype": inst.roltype, "roltoelichting": "Rechthebbende",
        "betrokkeneIdentificatie": {
            "inpBsn": rh.bsn, "geslachtsnaam": rh.achternaam[:200], "voorvoegselGeslachtsnaam": rh.tussenvoegsel[:80],
            "voornamen": rh.voornamen[:200], "geboortedatum": rh.geboortedatum.isoformat(),
        },
    })["url"])
    gepland, uiterlijk = einddata(dossier)
    if gepland is not None:
        _eenmalig(koppeling, Soort.EINDDATA, f"{gepland}|{uiterlijk}", lambda: client.patch(zaak, {
            "einddatumGepland": gepland.isoformat(), "uiterlijkeEinddatumAfdoening": uiterlijk.isoformat(),
        })["url"])
    for beschikking in Beschikking.objects.filter(dossier=dossier).defer("pdf", "docx", "inhoud").order_by("datum", "id"):
        besluit_publiceren(koppeling, beschikking, zaak, client, inst)
    _statussen(koppeling, dossier, zaak, client, inst, nu=nu)


def einddata(dossier: Dossier) -> tuple[date | None, date | None]:
    """Planned and latest end of the zaak: the term within which all decisions on support are taken
    (two years after the eerste gesprek; the original end, and the end with every extension)."""
    rij = Termijn.objects.filter(dossier=dossier, regel=TermijnSoort.ALLE_BESLUITEN).values(
        "oorspronkelijke_einddatum", "einddatum"
    ).first()
    if rij is None:
        return None, None
    return rij["oorspronkelijke_einddatum"], rij["einddatum"]


def _zaak_maken(dossier: Dossier, client: ZgwClient, inst: ZgwInstelling) -> str:
    gepland, uiterlijk = einddata(dossier)
    body = {
        "identificatie": dossier.dossiernummer[:40],
        "bronorganisatie": inst.rsin, "verantwoordelijkeOrganisatie": inst.rsin, "zaaktype": inst.zaaktype,
        "omschrijving": "Brede ondersteuning hersteloperatie toeslagen",
        "toelichting": f"Doelgroep: {dossier.get_doelgroep_display()}. Dossier {dossier.dossiernummer} in Nieuwe Start.",
        "registratiedatum": timezone.localdate(dossier.aangemaakt_op).isoformat(),
        "startdatum": dossier.aanmelddatum.isoformat(),
        "vertrouwelijkheidaanduiding": inst.vertrouwelijkheid,
    }
    if gepland is not None:
        body |= {"einddatumGepland": gepland.isoformat(), "uiterlijkeEinddatumAfdoening": uiterlijk.isoformat()}
    try:
        return client.post(f"{inst.zaken_api}/zaken", body)["url"]
    except ZgwFout as fout:
        # Sent before, but the answer was lost: find the zaak by our identificatie instead of making a second.
        if fout.niet_uniek:
            url = client.zoek_een(f"{inst.zaken_api}/zaken", {"identificatie": body["identificatie"], "bronorganisatie": inst.rsin})
            if url:
                return url
        raise


def besluit_publiceren(koppeling: Zaakkoppeling, b: Beschikking, zaak: str, client: ZgwClient, inst: ZgwInstelling) -> None:
    """A beschikking as BESLUIT of the zaak, its PDF as document, linked to both."""
    from nieuwestart.beschikkingen.services import bezwaartermijn_einde

    sleutel = f"beschikking:{b.pk}"
    identificatie = b.kenmerk[:40]

    def besluit_maken() -> str:
        body = {
            "identificatie": identificatie, "verantwoordelijkeOrganisatie": inst.rsin, "besluittype": inst.besluittype,
            "zaak": zaak, "datum": b.datum.isoformat(), "ingangsdatum": b.datum.isoformat(),
            "toelichting": f"{b.get_soort_display()} ({b.kenmerk})",
        }
        try:
            return client.post(f"{inst.besluiten_api}/besluiten", body)["url"]
        except ZgwFout as fout:
            if fout.niet_uniek:
                url = client.zoek_een(f"{inst.besluiten_api}/besluiten",
                                      {"identificatie": identificatie, "verantwoordelijkeOrganisatie": inst.rsin})
                if url:
                    return url
            raise

    besluit = _eenmalig(koppeling, Soort.BESLUIT, sleutel, besluit_maken)
    if b.verzonden_op is not None:
        einde = bezwaartermijn_einde(b)
        body = {"verzenddatum": b.verzonden_op.isoformat()}
        if einde is not None:
            body["uiterlijkeReactiedatum"] = einde.isoformat()
        _eenmalig(koppeling, Soort.BESLUIT_VERZONDEN, sleutel, lambda: client.patch(besluit, body)["url"])

    def document_maken() -> str:
        pdf = bytes(b.pdf)
        body = {
            "identificatie": identificatie, "bronorganisatie": inst.rsin, "creatiedatum": b.datum.isoformat(),
            "titel": f"Beschikking {b.kenmerk}"[:200], "vertrouwelijkheidaanduiding": inst.vertrouwelijkheid,
            "auteur": "Nieuwe Start", "status": "definitief", "formaat": "application/pdf", "taal": "nld",
            "bestandsnaam": f"{b.bestandsnaam}.pdf", "inhoud": base64.b64encode(pdf).decode("ascii"),
            "bestandsomvang": len(pdf), "indicatieGebruiksrecht": False,
            "informatieobjecttype": inst.informatieobjecttype,
            "integriteit": {"algoritme": "sha_256", "waarde": b.pdf_sha256, "datum": b.datum.isoformat()},
        }
        try:
            return client.post(f"{inst.documenten_api}/enkelvoudiginformatieobjecten", body)["url"]
        except ZgwFout as fout:
            if fout.niet_uniek:
                url = client.zoek_een(f"{inst.documenten_api}/enkelvoudiginformatieobjecten",
                                      {"identificatie": identificatie, "bronorganisatie": inst.rsin})
                if url:
                    return url
            raise

    document = _eenmalig(koppeling, Soort.DOCUMENT, sleutel, document_maken)
    _eenmalig(koppeling, Soort.ZAAKINFORMATIEOBJECT, sleutel, lambda: client.post(f"{inst.zaken_api}/zaakinformatieobjecten", {
        "zaak": zaak, "informatieobject": document, "titel": f"Beschikking {b.kenmerk}"[:200],
    })["url"])
    _eenmalig(koppeling, Soort.BESLUITINFORMATIEOBJECT, sleutel, lambda: client.post(
        f"{inst.besluiten_api}/besluitinformatieobjecten", {"besluit": besluit, "informatieobject": document},
    )["url"])


def _statussen(koppeling, dossier, zaak, client, inst, *, nu) -> None:
    gebeurtenissen = DossierGebeurtenis.objects.filter(
        dossier=dossier, soort__in=list(STATUS_VAN_GEBEURTENIS)
    ).only("id", "soort", "datum", "vastgelegd_op").order_by("id")
    for g in gebeurtenissen:
        status = STATUS_VAN_GEBEURTENIS[g.soort]
        if status == inst.afsluiten_bij:
            zaak_afsluiten(koppeling, dossier, zaak, client, inst, gebeurtenis=g, nu=nu)
            return
        statustype = inst.statustypen.get(status)
        if not statustype:
            continue  # this zaaktype has no status for it
        _eenmalig(koppeling, Soort.STATUS, f"gebeurtenis:{g.pk}", lambda: client.post(f"{inst.zaken_api}/statussen", {
            "zaak": zaak, "statustype": statustype, "datumStatusGezet": _tijdstip(g, nu),
            "statustoelichting": f"{DossierStatus(status).label} op {g.datum:%d-%m-%Y}",
        })["url"])


def _tijdstip(g: DossierGebeurtenis, nu: datetime) -> str:
    # ZGW refuses a status in the future; the moment it was recorded orders the statuses.
    return min(g.vastgelegd_op, nu).isoformat()


def _beeindiging(dossier: Dossier):
    from nieuwestart.beeindiging.models import Beeindiging

    return Beeindiging.objects.filter(dossier_id=dossier.pk).first()


def resultaattype_voor(dossier: Dossier, inst: ZgwInstelling, gebeurtenis: DossierGebeurtenis) -> str:
    """The resultaattype of a finished dossier: the one configured for its beëindigingsreden
    (``NS_ZGW_RESULTAATTYPEN``), else the general ``NS_ZGW_RESULTAATTYPE``."""
    reden = (gebeurtenis.gegevens or {}).get("reden")
    if not reden:
        beeindiging = _beeindiging(dossier)
        reden = beeindiging.reden if beeindiging else ""
    return inst.resultaattypen.get(reden, inst.resultaattype)


def _resultaattoelichting(dossier: Dossier, gebeurtenis: DossierGebeurtenis) -> str:
    """The reason in words (e.g. "Doelen bereikt"), not its code."""
    beeindiging = _beeindiging(dossier)
    if beeindiging is not None:
        tekst = f"{beeindiging.get_reden_display()}. {beeindiging.toelichting}".strip()
    else:
        tekst = str((gebeurtenis.gegevens or {}).get("reden") or gebeurtenis.toelichting or "")
    return tekst[:1000]


def zaak_afsluiten(koppeling, dossier, zaak, client, inst, *, gebeurtenis: DossierGebeurtenis, nu) -> None:
    """The dossier reached ``afsluiten_bij``: RESULTAAT first, then the eindstatus (which closes the zaak)."""
    resultaattype = resultaattype_voor(dossier, inst, gebeurtenis)
    statustype = inst.statustypen.get(inst.afsluiten_bij)
    if not resultaattype or not statustype:
        raise ZgwFout(
            "De zaak kan niet worden afgesloten: stel NS_ZGW_RESULTAATTYPE in en een statustype voor "
            f"'{inst.afsluiten_bij}' in NS_ZGW_STATUSTYPEN."
        )
    toelichting = _resultaattoelichting(dossier, gebeurtenis)
    _eenmalig(koppeling, Soort.RESULTAAT, "resultaat", lambda: client.post(f"{inst.zaken_api}/resultaten", {
        "zaak": zaak, "resultaattype": resultaattype, "toelichting": toelichting,
    })["url"])
    _eenmalig(koppeling, Soort.STATUS, "eindstatus", lambda: client.post(f"{inst.zaken_api}/statussen", {
        "zaak": zaak, "statustype": statustype, "datumStatusGezet": _tijdstip(gebeurtenis, nu),
        "statustoelichting": f"{DossierStatus(inst.afsluiten_bij).label} op {gebeurtenis.datum:%d-%m-%Y}",
    })["url"])


# --- planning ---------------------------------------------------------------------------------------


def inplannen(dossier_id: int, *, op: datetime | None = None) -> None:
    """Queue a publication run. Called after the user's transaction committed; never raises."""
    from .tasks import zaak_publiceren

    try:
        if op is not None and zaak_publiceren.get_backend().supports_defer:
            zaak_publiceren.using(run_after=op).enqueue(dossier_id)
        elif op is None:
            zaak_publiceren.enqueue(dossier_id)
    except Exception:  # the queue is down: the nightly command catches up (docs/zaakregistratie.md)
        logger.exception("Zaakregistratie: publicatie van dossier %s niet in de wachtrij gezet", dossier_id)


def na_commit_inplannen(dossier_id: int) -> None:
    """Publish once the surrounding transaction has committed (nothing for a rolled-back change).

    Never raises: a wrong configuration is reported by ``manage.py check`` (checks.py) and logged
    here, but must not stop a case worker's registration."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        if instelling() is None:
            return
    except ImproperlyConfigured:
        logger.exception("Zaakregistratie: de configuratie klopt niet; dossier %s wordt niet gepubliceerd", dossier_id)
        return
    transaction.on_commit(lambda: inplannen(dossier_id), robust=True)


def achterstand(*, nu: datetime, alles: bool = False):
    """Dossiers to (re)send: failed ones whose retry is due, and with ``alles`` every dossier never
    sent (e.g. those a bulk import created without per-row signals)."""
    te_doen = Zaakkoppeling.objects.filter(stand=Stand.MISLUKT, volgende_poging__lte=nu).values_list("dossier_id", flat=True)
    ids = list(te_doen)
    if alles:
        ids += list(Dossier.objects.filter(zaakkoppeling__isnull=True).values_list("id", flat=True))
        ids += list(Zaakkoppeling.objects.filter(stand=Stand.MISLUKT, volgende_poging__isnull=True).values_list("dossier_id", flat=True))
    return sorted(set(ids))
