"""Five demo dossiers of the consulent that show the end of support, made with the real services.

Called by ``seed_demo`` after the bulk dossiers and the sociale kaart: an aanvrager in afbouw after UHT's
"niet erkend" (the EMDR case), an ending with a warme overdracht whose first aftercare check is due soon,
a dossier in nazorg with one check done, one closed after its aftercare, and an ending after documented
contact attempts. Dates are relative to ``vandaag``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from nieuwestart.aanmeldingen.services import directe_aanmelding_registreren
from nieuwestart.catalogus.models import Aanbieder
from nieuwestart.common.bsn import genereer_bsn
from nieuwestart.dossiers import services as dossierservices
from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import Rechthebbende
from nieuwestart.dossiers.transitions import gebeurtenis_vastleggen
from nieuwestart.plannen import services as planservices

from . import services

MOTIVERING = {
    "belemmering": "Zonder deze hulp lukt het de rechthebbende niet om verder te komen.",
    "geschiktheid": "Deze hulp past bij de hulpvraag en werkt aantoonbaar.",
    "noodzaak": "NOODZAAK",
    "noodzakelijkheid": "Er is geen andere passende hulp die snel genoeg beschikbaar is.",
    "evenredigheid": "De omvang past bij het probleem.",
    "weging_vaardigheden": "De rechthebbende kan de hulp goed gebruiken.",
    "weging_draagkracht": "Zelf betalen lukt nu niet.",
    "weging_huishouden": "Alleenstaande ouder met twee kinderen.",
    "weging_duurzaamheid": "Het effect blijft na de hulp.",
    "weging_doel": "De hulp maakt het doel haalbaar.",
}

PLAN = (
    ("ZORG", "Minder last van herbelevingen", "EMDR-therapie", "3 sessies", Decimal("285.00"), 120),
    ("FINANCIEN", "Grip op de post en de rekeningen", "Budgetcoaching", "10 gesprekken", Decimal("450.00"), 180),
)


def _bsn(rng: random.Random) -> str:
    while True:
        bsn = genereer_bsn(rng)
        if not Rechthebbende.objects.filter(bsn=bsn).exists():
            return bsn


def _dossier(rng, *, consulent, team, voornamen, achternaam, doelgroep, aangemeld: date, vandaag: date):
    dossier = directe_aanmelding_registreren(
        door=consulent, bsn=_bsn(rng),
        persoon={"voornamen": voornamen, "achternaam": achternaam, "geboortedatum": date(1984, 5, 17),
                 "telefoonnummer": "0612345678", "voorkeurskanaal": "TELEFOON", "straat": "Dorpsstraat",
                 "huisnummer": str(rng.randint(1, 120)), "postcode": "8251 AB", "woonplaats": "Voorbeeldstad"},
        doelgroep=doelgroep, aanmelddatum=aangemeld, team=team, behandelaar=consulent, vandaag=vandaag,
    )
    dossierservices.verificatie_vastleggen(dossier=dossier, door=consulent, datum=aangemeld + timedelta(days=3),
                                           uitkomst="BEVESTIGD", vandaag=vandaag)
    dossierservices.eerste_gesprek_vastleggen(
        dossier=dossier, door=consulent, datum=aangemeld + timedelta(days=20), vandaag=vandaag, acute_situatie=False,
        hulpvragen={"ZORG": "Veel stress en slecht slapen sinds de toeslagenaffaire.",
                    "FINANCIEN": "De post stapelt zich op; overzicht over de rekeningen ontbreekt."},
    )
    plan = planservices.planversie_aanmaken(dossier, consulent, vandaag=aangemeld + timedelta(days=30))
    for lg, doel, naam, hoeveel, bedrag, dagen in PLAN:
        planservices.leefgebied_bijwerken(plan, lg, consulent, situatie="Bij aanmelding niet op orde.",
                                          voldoet_aan_doelstelling="NEE")
        d = planservices.doel_toevoegen(plan, consulent, leefgebied=lg, omschrijving=doel)
        v = planservices.voorziening_toevoegen(
            d, consulent, omschrijving=naam, aard="IMMATERIEEL", bedrag=bedrag, hoeveelheid=hoeveel,
            begindatum=aangemeld + timedelta(days=35), einddatum=aangemeld + timedelta(days=35 + dagen), **MOTIVERING,
        )
        planservices.besluit_vastleggen(v, "TOEGEKEND", door=consulent)
    planservices.uitgeven(plan, consulent, aangemeld + timedelta(days=30))
    dossier.refresh_from_db()
    return dossier


def _overdragen(dossier, consulent, *, op: date, vandaag: date, leefgebied="FINANCIEN"):
    aanbieder = Aanbieder.objects.filter(actief=True, naam__icontains="schuld").first()
    return services.overdracht_vastleggen(
        dossier=dossier, door=consulent, vandaag=vandaag, overgedragen_op=op, leefgebied=leefgebied,
        ontvanger="SCHULDHULPVERLENING", aanbieder=aanbieder,
        organisatie="" if aanbieder else "Schuldhulpverlening gemeente Voorbeeldstad",
        contactpersoon="Marieke Smit", contactgegevens="0320 123 456",
        wat_overgedragen="Het overzicht van de schulden, de afspraken met de bank en de hulpvraag. Kennismaking samen gedaan.",
        toestemming=True,
    )


def beeindiging_demo(*, consulent, team, vandaag: date, seed: int = 6) -> dict[str, int]:
    rng = random.Random(f"beeindiging-{seed}")
    v = vandaag
    kwargs = {"consulent": consulent, "team": team, "vandaag": v}

    # 1. Afbouw after "niet erkend": the EMDR sessions keep running; one checklist step done.
    a = _dossier(rng, voornamen="Samira", achternaam="El Idrissi", doelgroep="AANGEMELDE_AANVRAGER",
                 aangemeld=v - timedelta(days=150), **kwargs)
    gebeurtenis_vastleggen(a, GebeurtenisSoort.UHT_NIET_ERKEND, door=None, datum=v - timedelta(days=12),
                           gegevens={"status": "NIET_ERKEND"}, toelichting="Integrale beoordeling door UHT: niet erkend.")
    services.afbouw_starten(dossier=a, door=consulent, datum=v - timedelta(days=10), vandaag=v)
    services.afbouwstap_afvinken(dossier=a, stap="GESPREK_VERVOLGHULP", door=consulent, datum=v - timedelta(days=6),
                                 vandaag=v, toelichting="Besproken: hulp bij geldzaken via de schuldhulpverlening.")

    # 2. Goals reached with a warme overdracht of Financiën; nazorg started, first check due within two weeks.
    b = _dossier(rng, voornamen="Kees", achternaam="Bakker", doelgroep="ERKENDE_OUDER",
                 aangemeld=v - timedelta(days=420), **kwargs)
    _overdragen(b, consulent, op=v - timedelta(days=20), vandaag=v)
    e = services.beeindigen(dossier=b, reden="DOELEN_BEREIKT", einddatum=v - timedelta(days=18), door=consulent,
                            vandaag=v - timedelta(days=18), bereikte_leefgebieden=["ZORG"])
    from nieuwestart.beschikkingen.services import verzending_vastleggen

    verzending_vastleggen(beschikking=e.beschikking, verzonden_op=v - timedelta(days=17), via="POST", door=consulent, vandaag=v)
    services.nazorg_starten(dossier=b, door=consulent, datum=v - timedelta(days=17), vandaag=v)

    # 3. In nazorg: the first check found the help started; the second is still to come.
    c = _dossier(rng, voornamen="Fenna", achternaam="de Wit", doelgroep="ERKENDE_OUDER",
                 aangemeld=v - timedelta(days=500), **kwargs)
    o = _overdragen(c, consulent, op=v - timedelta(days=70), vandaag=v)
    services.beeindigen(dossier=c, reden="DOELEN_BEREIKT", einddatum=v - timedelta(days=65), door=consulent,
                        vandaag=v - timedelta(days=65), bereikte_leefgebieden=["ZORG"])
    services.nazorg_starten(dossier=c, door=consulent, datum=v - timedelta(days=65), vandaag=v)
    services.nazorgcontrole_vastleggen(overdracht=o, moment="EERSTE", datum=v - timedelta(days=42), uitkomst="GESTART",
                                       door=consulent, vandaag=v, toelichting="Intake bij de schuldhulp is geweest.")

    # 4. Closed after both aftercare checks.
    d = _dossier(rng, voornamen="Jeroen", achternaam="Visser", doelgroep="ERKENDE_EX_PARTNER",
                 aangemeld=v - timedelta(days=600), **kwargs)
    o = _overdragen(d, consulent, op=v - timedelta(days=160), vandaag=v)
    services.beeindigen(dossier=d, reden="DOELEN_BEREIKT", einddatum=v - timedelta(days=150), door=consulent,
                        vandaag=v - timedelta(days=150), bereikte_leefgebieden=["ZORG"])
    services.nazorg_starten(dossier=d, door=consulent, datum=v - timedelta(days=150), vandaag=v)
    services.nazorgcontrole_vastleggen(overdracht=o, moment="EERSTE", datum=v - timedelta(days=132), uitkomst="GESTART",
                                       door=consulent, vandaag=v)
    services.nazorgcontrole_vastleggen(overdracht=o, moment="TWEEDE", datum=v - timedelta(days=70), uitkomst="GESTART",
                                       door=consulent, vandaag=v, toelichting="Loopt goed; betalingsregeling getroffen.")
    services.afsluiten(dossier=d, door=consulent, datum=v - timedelta(days=69), vandaag=v)

    # 5. No response: four documented attempts, ended; closing still waits for the consulent.
    f = _dossier(rng, voornamen="Noah", achternaam="Jansen", doelgroep="ERKENDE_OUDER",
                 aangemeld=v - timedelta(days=300), **kwargs)
    for dagen, kanaal in ((60, "TELEFOON"), (53, "TELEFOON"), (45, "POST"), (30, "EMAIL")):
        services.contactpoging_vastleggen(dossier=f, datum=v - timedelta(days=dagen), kanaal=kanaal, uitkomst="GEEN_REACTIE",
                                          door=consulent, vandaag=v)
    services.beeindigen(dossier=f, reden="GEEN_CONTACT", einddatum=v - timedelta(days=5), door=consulent,
                        vandaag=v - timedelta(days=5))
    return {"beeindiging.demodossiers": 5}
