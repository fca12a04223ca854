"""Retention: which closed dossiers are past their retention term, and destroying them.

A dossier is destroyed as a whole (events, verification, eerste gesprek, household, terms,
break-the-glass grants) and its rechthebbende too when no other dossier remains. The logs
keep only keyed hashes of BSNs, so they stay intact and verifiable; each run leaves an
anonymous ``Vernietigingsregistratie`` per category and one security-log event.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from nieuwestart.dossiers.gebeurtenissen import GebeurtenisSoort
from nieuwestart.dossiers.models import (
    Dossier,
    DossierGebeurtenis,
    DossierStatus,
    EersteGesprek,
    Gezinslid,
    Hulpvraag,
    Rechthebbende,
    Verificatie,
    VerificatieUitkomst,
)
from nieuwestart.logboek.services import verwerking
from nieuwestart.plannen.models import Besluit, Planstatus, Voorziening

from .models import Bewaarcategorie, Bewaarregel, Vernietigingsregistratie

G = GebeurtenisSoort


def bewaarcategorie(soorten: list[str], verificatie_uitkomsten: list[str]) -> Bewaarcategorie:
    """The retention category of a closed dossier, from its event kinds (in order) and verifications."""
    niet_erkend = G.UHT_NIET_ERKEND in soorten and (
        G.UHT_ERKEND not in soorten or soorten[::-1].index(G.UHT_NIET_ERKEND) < soorten[::-1].index(G.UHT_ERKEND)
    )
    nooit_bevestigd = G.GEVERIFIEERD not in soorten and any(
        u in (VerificatieUitkomst.NIET_BEVESTIGD, VerificatieUitkomst.ONBEKEND) for u in verificatie_uitkomsten
    )
    if niet_erkend or nooit_bevestigd:
        return Bewaarcategorie.GEEN_RECHTHEBBENDE
    if G.PLAN_VASTGESTELD in soorten:
        # The plan is the beschikking; the term runs from the last provision's end (opschoonplan).
        return Bewaarcategorie.ONDERSTEUNING_BEEINDIGD
    return Bewaarcategorie.AFGEBROKEN


@dataclass
class Kandidaat:
    dossier_id: int
    rechthebbende_id: int
    categorie: Bewaarcategorie
    afgesloten_op: date
    vernietigen_vanaf: date


@dataclass
class Opschoonplan:
    peildatum: date
    kandidaten: list[Kandidaat] = field(default_factory=list)
    termijnen: dict[str, int] = field(default_factory=dict)

    def per_categorie(self) -> dict[str, list[Kandidaat]]:
        groepen: dict[str, list[Kandidaat]] = defaultdict(list)
        for k in self.kandidaten:
            groepen[k.categorie].append(k)
        return dict(groepen)


def opschoonplan(*, peildatum: date) -> Opschoonplan:
    """What would be destroyed on ``peildatum`` and why (the dry run shows exactly this)."""
    termijnen = dict(Bewaarregel.objects.values_list("categorie", "termijn_maanden"))
    plan = Opschoonplan(peildatum=peildatum, termijnen=termijnen)
    afgesloten = Dossier.objects.filter(status=DossierStatus.AFGESLOTEN).values_list("id", "rechthebbende_id")
    dossier_ids = dict(afgesloten)
    if not dossier_ids:
        return plan
    soorten: dict[int, list[str]] = defaultdict(list)
    afgesloten_op: dict[int, date] = {}
    for dossier_id, soort, datum in (
        DossierGebeurtenis.objects.filter(dossier_id__in=dossier_ids).order_by("dossier_id", "datum", "id")
        .values_list("dossier_id", "soort", "datum").iterator(chunk_size=5000)
    ):
        soorten[dossier_id].append(soort)
        if soort == G.AFGESLOTEN:
            afgesloten_op[dossier_id] = datum
    uitkomsten: dict[int, list[str]] = defaultdict(list)
    for dossier_id, uitkomst in Verificatie.objects.filter(dossier_id__in=dossier_ids).values_list("dossier_id", "uitkomst"):
        uitkomsten[dossier_id].append(uitkomst)
    # Selectielijst procestype 8: a provided voorziening is kept 10 years after the provision ended,
    # and a granted provision may run on after the dossier closed (domain.md: "what was granted may
    # run longer"). So the term runs from the later of closing and the last granted provision's end.
    laatste_einde = dict(
        Voorziening._base_manager.filter(
            planversie__dossier_id__in=dossier_ids, planversie__status=Planstatus.UITGEGEVEN, besluit=Besluit.TOEGEKEND,
            einddatum__isnull=False,
        ).values("planversie__dossier_id").annotate(einde=Max("einddatum")).values_list("planversie__dossier_id", "einde")
    )
    for dossier_id, rechthebbende_id in dossier_ids.items():
        if dossier_id not in afgesloten_op:
            continue
        categorie = bewaarcategorie(soorten[dossier_id], uitkomsten[dossier_id])
        vanaf_datum = max(afgesloten_op[dossier_id], laatste_einde.get(dossier_id, afgesloten_op[dossier_id]))
        vanaf = vanaf_datum + relativedelta(months=termijnen[categorie])
        if vanaf <= peildatum:
            plan.kandidaten.append(Kandidaat(dossier_id, rechthebbende_id, categorie, afgesloten_op[dossier_id], vanaf))
    return plan


def _dossierdata_vernietigen(dossier_ids: list[int]) -> None:
    """Every context's records about these dossiers, in an order their foreign keys allow.

    Issued plan versions and beschikkingen refuse changes in normal use (their querysets and
    ``delete()`` guard them); destruction by the retention rule is the one exception, so this goes
    through ``_base_manager``, which has none of those guards.
    """
    from nieuwestart.beeindiging.models import Beeindiging
    from nieuwestart.beschikkingen.models import Beschikking, Bezwaar
    from nieuwestart.financien.models import Betaling, Voorzieningskosten
    from nieuwestart.ketenpartners.models import Driegesprek, OverledenAanvrager, Verwijzing
    from nieuwestart.overdracht.models import Overdracht
    from nieuwestart.plannen.models import Doel, Goedkeuring, Leefgebiedsituatie, Planversie

    bij = {"dossier_id__in": dossier_ids}
    in_plan = {"planversie__dossier_id__in": dossier_ids}
    for model, filter_ in (
        (Beeindiging, bij),  # refers to its beschikking (RESTRICT)
        (Bezwaar, {"beschikking__dossier_id__in": dossier_ids}),
        (Beschikking, bij),
        # Costs and payments: closed SiSa years keep their own frozen figures (financien.sisa).
        (Betaling, {"kosten__dossier_id__in": dossier_ids}),
        (Voorzieningskosten, bij),
        (Goedkeuring, {"voorziening__planversie__dossier_id__in": dossier_ids}),
        (Voorziening, in_plan),
        (Doel, in_plan),
        (Leefgebiedsituatie, in_plan),
        (Planversie, bij),
        (OverledenAanvrager, bij),
        (Verwijzing, bij),
        (Driegesprek, bij),
        (Overdracht, bij),  # the package itself holds the person's data
    ):
        model._base_manager.filter(**filter_).delete()


@transaction.atomic
def opschonen(*, peildatum: date, uitgevoerd_door: str, actor=None) -> list[Vernietigingsregistratie]:
    """Destroy what ``opschoonplan`` lists, all or nothing, and record it anonymously."""
    plan = opschoonplan(peildatum=peildatum)
    if not plan.kandidaten:
        return []
    dossier_ids = [k.dossier_id for k in plan.kandidaten]
    persoon_ids = {k.rechthebbende_id for k in plan.kandidaten}
    # Destroying is a processing too: one processing-log line per person whose data goes (read first).
    betrokkenen = list(Rechthebbende.objects.filter(id__in=persoon_ids).values_list("bsn", flat=True))
    betrokkenen += [b for b in Gezinslid.objects.filter(huishouden__dossier_id__in=dossier_ids).exclude(bsn="").values_list("bsn", flat=True)]
    with verwerking(
        None, naam="persoonsgegevens_opgeschoond", betrokkenen=betrokkenen, actor=actor,
        object_type="bewaartermijnen", object_id=f"{len(dossier_ids)} dossiers",
    ):
        # Children first: the event log, the plan, the beschikkingen and the chain partners' records
        # protect their dossier on purpose.
        _dossierdata_vernietigen(dossier_ids)
        Hulpvraag.objects.filter(eerste_gesprek__dossier_id__in=dossier_ids).delete()
        EersteGesprek.objects.filter(dossier_id__in=dossier_ids).delete()
        Verificatie.objects.filter(dossier_id__in=dossier_ids).delete()
        # The append-only guard is for normal use; destruction by the retention rule is the one exception.
        DossierGebeurtenis._base_manager.filter(dossier_id__in=dossier_ids).delete()
        Dossier.objects.filter(id__in=dossier_ids).delete()
        zonder_dossier = Rechthebbende.objects.filter(id__in=persoon_ids, dossiers__isnull=True)
        verwijderde_personen = set(zonder_dossier.values_list("id", flat=True))
        zonder_dossier.delete()

    nu = timezone.now()
    registraties = []
    for categorie, kandidaten in sorted(plan.per_categorie().items()):
        registraties.append(
            Vernietigingsregistratie.objects.create(
                uitgevoerd_op=nu,
                uitgevoerd_door=uitgevoerd_door,
                peildatum=peildatum,
                categorie=categorie,
                termijn_maanden=plan.termijnen[categorie],
                aantal_dossiers=len(kandidaten),
                aantal_rechthebbenden=len({k.rechthebbende_id for k in kandidaten} & verwijderde_personen),
            )
        )
    return registraties
