"""Demo data for special groups and chain partners, on top of the generated demo dossiers (``seed_demo``).

Written through the real services, so events, terms and the timeline are exactly as a case worker's
actions would make them: survivors linked to a deceased applicant (one where the family keeps its right,
one where UHT's marking was needed), kindregeling payment dates (one met by a referral), driegesprekken
and referrals to every chain partner.
"""

from __future__ import annotations

from datetime import date, timedelta

from nieuwestart.dossiers.models import Doelgroep, Dossier, DossierStatus

from . import services


def _dossiers(doelgroep: str, status: str, team: str = "Team Noord") -> list[Dossier]:
    return list(
        Dossier.objects.filter(doelgroep=doelgroep, status=status, team__naam=team)
        .select_related("rechthebbende").order_by("aanmelddatum", "id")
    )




def ketenpartners_laden(*, door, vandaag: date) -> dict[str, int]:
    from nieuwestart.termijnen.services import termijnen_bijwerken

    def terug(dossier: Dossier, dagen: int) -> date:
        # Demo events stay within the dossier's life (the generator's invariant).
        return max(dossier.aanmelddatum, vandaag - timedelta(days=dagen))

    aantallen = {"nabestaanden": 0, "kindregeling": 0, "driegesprekken": 0, "verwijzingen": 0}
    S, D = DossierStatus, Doelgroep

    # Survivors. A deceased parent who is a known (closed) rechthebbende here, died after registering.
    overledene = (
        Dossier.objects.filter(doelgroep=D.ERKENDE_OUDER, status=S.AFGESLOTEN).select_related("rechthebbende")
        .order_by("aanmelddatum").first()
    )
    for dossier in _dossiers(D.NABESTAANDE, S.AANGEMELD)[:1]:
        if overledene is not None:
            services.overleden_aanvrager_koppelen(
                dossier=dossier, door=door, overlijdensdatum=vandaag - timedelta(days=40), relatie="PARTNER",
                vandaag=vandaag, overleden_rechthebbende=overledene.rechthebbende, ondersteuning=["NOTARIS", "ROUW"],
                toelichting="Partner overleed na de aanmelding bij UHT. Nalatenschap nog niet verdeeld.",
            )
            aantallen["nabestaanden"] += 1
    for dossier in _dossiers(D.NABESTAANDE, S.GEVERIFIEERD)[:1]:
        services.overleden_aanvrager_koppelen(
            dossier=dossier, door=door, overlijdensdatum=date(2022, 6, 14), relatie="KIND", vandaag=vandaag,
            naam="Hendrik van Dijk", ondersteuning=["EXECUTEUR", "PZB_NABESTAANDEN"],
            toelichting="Vader overleed vóór de aanmelding; UHT heeft de nabestaande als begunstigde aangemerkt.",
        )
        aantallen["nabestaanden"] += 1
    for dossier in _dossiers(D.NABESTAANDE, S.PLAN_VASTGESTELD)[:1]:
        services.overleden_aanvrager_koppelen(
            dossier=dossier, door=door, overlijdensdatum=dossier.aanmelddatum - timedelta(days=200), relatie="PARTNER",
            vandaag=vandaag, naam="Marco Visser", aangemeld_bij_uht_op=dossier.aanmelddatum - timedelta(days=400),
            ondersteuning=["NOTARIS", "EXECUTEUR", "FINANCIEN", "IPW_TOTAALAANPAK"],
        )
        d = services.driegesprek_aanvragen(
            dossier=dossier, door=door, initiatief="UHT", aangevraagd_op=vandaag - timedelta(days=12),
            onderwerpen="Uitleg over de regeling voor nabestaanden; de rol van de notaris.",
            zaakbehandelaar_uht="Persoonlijk Zaakbehandelaar Nabestaanden (UHT)", vandaag=vandaag,
        )
        services.driegesprek_plannen(driegesprek=d, door=door, gepland_op=vandaag + timedelta(days=9), vorm="FYSIEK", vandaag=vandaag)
        aantallen["nabestaanden"] += 1
        aantallen["driegesprekken"] += 1

    # Kindregeling: payment dates, one window closing within days, one met by a referral.
    for dossier, dagen_geleden, verwijzen in (
        (_dossiers(D.KIND_KINDREGELING, S.GEVERIFIEERD)[:1], 360, False),
        (_dossiers(D.KIND_KINDREGELING, S.EERSTE_GESPREK_GEVOERD)[:1], 200, False),
        (_dossiers(D.KIND_KINDREGELING, S.PLAN_VASTGESTELD)[:1], 240, True),
    ):
        for k in dossier:
            # In practice the payment usually comes before the child registers.
            services.kindregeling_uitbetaling_vastleggen(
                dossier=k, door=door, datum=terug(k, dagen_geleden), vandaag=vandaag
            )
            aantallen["kindregeling"] += 1
            if verwijzen:
                services.verwijzing_maken(
                    dossier=k, door=door, partner="KINDREGELING_SCHULDHULP", datum=terug(k, 20),
                    reden="Schulden bij een telefoonaanbieder en DUO; aangemeld voor het extra aanbod.", vandaag=vandaag,
                )
                aantallen["verwijzingen"] += 1

    # A recognised parent with a driegesprek and referrals to every chain partner.
    ouders = _dossiers(D.ERKENDE_OUDER, S.PLAN_VASTGESTELD)
    if ouders:
        o = ouders[0]
        d = services.driegesprek_aanvragen(
            dossier=o, door=door, initiatief="RECHTHEBBENDE", aangevraagd_op=terug(o, 60),
            onderwerpen="Vragen over de integrale beoordeling; hoe verder met de schulden.", zaakbehandelaar_uht="S. Kramer (PZB)",
            vandaag=vandaag,
        )
        services.driegesprek_plannen(driegesprek=d, door=door, gepland_op=terug(o, 45), vorm="ONLINE", vandaag=vandaag)
        services.driegesprek_vastleggen(
            driegesprek=d, door=door, gehouden_op=terug(o, 45), vandaag=vandaag,
            uitkomst="UHT heeft de beoordeling uitgelegd. Afgesproken: private schulden samen bij SBN indienen.",
        )
        sbn = services.verwijzing_maken(
            dossier=o, door=door, partner="SBN", datum=terug(o, 40), reden="Achterstanden bij winkels en een bank.",
            erkenningsdatum=terug(o, 150), contactpersoon="Loket private schulden", vandaag=vandaag,
        )
        services.contact_vastleggen(verwijzing=sbn, door=door, datum=terug(o, 30), kanaal="TELEFOON",
                                    verslag="Overzicht van de schulden doorgenomen met SBN.", vandaag=vandaag)
        services.verwijzing_maken(
            dossier=o, door=door, partner="GEMEENTE_INVORDERING", datum=terug(o, 35),
            reden="Gemeentelijke belastingen 2019-2020.", maatregel="PAUZEREN", vandaag=vandaag,
        )
        ot = services.verwijzing_maken(
            dossier=o, door=door, partner="OT_UITHUISPLAATSINGEN", datum=terug(o, 50),
            reden="Contact met de uithuisgeplaatste dochter herstellen.", vandaag=vandaag,
        )
        services.verwijzing_afronden(verwijzing=ot, door=door, afgerond_op=terug(o, 10),
                                     uitkomst="HULP_GESTART", toelichting="Het Ondersteuningsteam begeleidt het gezin.", vandaag=vandaag)
        aantallen["driegesprekken"] += 1
        aantallen["verwijzingen"] += 3
    if len(ouders) > 1:
        services.verwijzing_maken(
            dossier=ouders[1], door=door, partner="OT_BUITENLAND", datum=terug(ouders[1], 15),
            reden="De ouder keert terug uit het buitenland en vestigt zich in de gemeente.", vandaag=vandaag,
        )
        aantallen["verwijzingen"] += 1
    # The services store terms as of the real today; the demo is seeded "as of" ``vandaag``.
    for dossier in Dossier.objects.filter(pk__in=_geraakt(door)):
        termijnen_bijwerken(dossier, vandaag=vandaag)
    return aantallen


def _geraakt(door) -> list[int]:
    from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort as G

    soorten = [G.NABESTAANDE_GEKOPPELD, G.KINDREGELING_UITBETAALD, G.DRIEGESPREK_AANGEVRAAGD, G.VERWIJZING_GEMAAKT]
    from nieuwestart.dossiers.models import DossierGebeurtenis

    return list(DossierGebeurtenis.objects.filter(soort__in=soorten, door=door).values_list("dossier_id", flat=True).distinct())
