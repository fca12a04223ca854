"""Equal treatment: are like cases treated alike, per consulent and team? (For the teamleider.)

Per consulent in a team: decided provisions, the share granted, the share material among granted, and
the median granted amount, next to the same figures for the rest of the team. A consulent is flagged
only with at least ``MIN_GEVALLEN`` decided provisions, when
* a rate differs from the rest of the team with |z| ≥ 2 (two-proportion z-test, ``statistiek``), or
* the median granted amount lies outside the middle half (P25–P75) of all the team's granted amounts.
A flag is a question for the casuïstiekoverleg, not a verdict: caseloads differ (docs/rapportages.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, IntegerField
from django.db.models.functions import Cast, Round
from django.utils.translation import gettext as _

from nieuwestart.accounts.models import Team, User

from nieuwestart.dossiers.models import Doelgroep, Leefgebied
from nieuwestart.financien.models import Voorzieningskosten
from nieuwestart.plannen.models import Aard, Besluit

from .selectors import Filter, Tabel, _pct
from .statistiek import MIN_GEVALLEN, Z_GRENS, kwantiel, twee_proporties_z


@dataclass
class _Groep:
    beslist: int = 0
    toegekend: int = 0
    materieel: int = 0
    bedragen: list = field(default_factory=list)  # granted amounts in whole cents


def _euro(cent: int | None) -> Decimal | None:
    return None if cent is None else (Decimal(cent) / 100).quantize(Decimal("0.01"))


def _r(z: float | None) -> float | None:
    return None if z is None else round(z, 2)


def gelijke_behandeling(f: Filter, *, team_ids: list[int], leefgebied: str | None = None) -> list[Tabel]:
    qs = Voorzieningskosten.objects.filter(f.op_dossier(), f.periode("besluitdatum"), team_id__in=team_ids)
    if leefgebied:
        qs = qs.filter(leefgebied=leefgebied)
    # Plain tuples with the amount in whole cents: tens of thousands of rows per team, so no joins and no
    # Decimal per row; names are looked up once per consulent.
    rijen = qs.annotate(cent=Cast(Round(F("toegezegd_bedrag") * 100), IntegerField())).values_list(
        "team_id", "behandelaar_id", "besluit", "aard", "cent", "leefgebied", "doelgroep",
    ).order_by()
    teams: dict = defaultdict(_Groep)
    consulenten: dict = defaultdict(_Groep)
    per_leefgebied: dict = defaultdict(_Groep)
    per_doelgroep: dict = defaultdict(_Groep)
    toegekend_code, materieel_code = Besluit.TOEGEKEND.value, Aard.MATERIEEL.value
    for team, bid, besluit, aard, cent, lg, dg in rijen:
        groepen = (teams[team], consulenten[team, bid], per_leefgebied[team, lg], per_doelgroep[team, dg])
        if besluit == toegekend_code:
            materieel = aard == materieel_code
            for g in groepen:
                g.beslist += 1
                g.toegekend += 1
                g.materieel += materieel
                g.bedragen.append(cent)
        else:
            for g in groepen:
                g.beslist += 1
    teamnamen = dict(Team.objects.filter(pk__in=list(teams)).values_list("pk", "naam"))
    namen: dict[int | None, str] = {None: _("(geen consulent)")}
    for u in User.objects.filter(pk__in=[b for _t, b in consulenten if b is not None]):
        namen[u.pk] = str(u)
    consulenten = {(teamnamen[t], b): g for (t, b), g in consulenten.items()}
    teams = {teamnamen[t]: g for t, g in teams.items()}
    per_leefgebied = {(teamnamen[t], k): g for (t, k), g in per_leefgebied.items()}
    per_doelgroep = {(teamnamen[t], k): g for (t, k), g in per_doelgroep.items()}

    consulent_rijen = []
    for (team, bid), g in sorted(consulenten.items(), key=lambda kv: (kv[0][0], namen[kv[0][1]])):
        t = teams[team]
        rest = _Groep(t.beslist - g.beslist, t.toegekend - g.toegekend, t.materieel - g.materieel)
        z_toekenning = twee_proporties_z(g.toegekend, g.beslist, rest.toegekend, rest.beslist)
        z_materieel = twee_proporties_z(g.materieel, g.toegekend, rest.materieel, rest.toegekend)
        med = kwantiel(g.bedragen, 0.5)
        p25, p75 = kwantiel(t.bedragen, 0.25), kwantiel(t.bedragen, 0.75)
        genoeg = g.beslist >= MIN_GEVALLEN
        signalen = []
        if genoeg and z_toekenning is not None and abs(z_toekenning) >= Z_GRENS:
            signalen.append(_("kent vaker toe") if z_toekenning > 0 else _("kent minder vaak toe"))
        if genoeg and z_materieel is not None and abs(z_materieel) >= Z_GRENS:
            signalen.append(_("vaker materieel") if z_materieel > 0 else _("minder vaak materieel"))
        if genoeg and med is not None and p25 is not None and not (p25 <= med <= p75):
            signalen.append(_("mediaan bedrag hoger") if med > p75 else _("mediaan bedrag lager"))
        if not genoeg:
            signaal = _("te weinig besluiten (minder dan %(n)s)") % {"n": MIN_GEVALLEN}
        else:
            signaal = ", ".join(signalen) if signalen else _("geen afwijking")
        consulent_rijen.append([
            namen[bid], team, g.beslist, _pct(g.toegekend, g.beslist), _pct(rest.toegekend, rest.beslist),
            _r(z_toekenning), _pct(g.materieel, g.toegekend), _pct(rest.materieel, rest.toegekend), _r(z_materieel),
            _euro(med), signaal,
        ])
    consulent_tabel = Tabel(
        "gelijkheid-consulenten", _("Per consulent, vergeleken met de rest van het team"),
        [_("Consulent"), _("Team"), _("Besluiten"), _("Toegekend (%)"), _("Rest team: toegekend (%)"),
         _("Verschil toekenning (z)"), _("Materieel van toegekend (%)"), _("Rest team: materieel (%)"),
         _("Verschil materieel (z)"), _("Middelste toegekende bedrag (€)"), _("Signaal")],
        consulent_rijen, grafiek=6, eenheid="%",
        uitleg=_("'Verschil (z)' zegt hoe ver het percentage van de consulent afligt van dat van de rest van het "
                 "team, gemeten naar het aantal besluiten (de twee-proportietoets). Vanaf 2 of −2 is het verschil "
                 "te groot om toeval te zijn; bij minstens %(n)s besluiten staat er dan een signaal. Het bedrag krijgt "
                 "een signaal als het middelste bedrag van de consulent (de mediaan) hoger is dan driekwart van alle "
                 "toegekende bedragen van het team, of lager dan een kwart ervan. Een signaal is een vraag voor het "
                 "casuïstiekoverleg, geen oordeel.") % {"n": MIN_GEVALLEN},
    )

    def verdeling(sleutel: str, titel: str, groepen: dict, labels: dict) -> Tabel:
        rij = []
        for (team, code), g in sorted(groepen.items()):
            rij.append([f"{team} – {labels.get(code, code)}", g.beslist, g.toegekend, _pct(g.materieel, g.toegekend),
                        _euro(kwantiel(g.bedragen, 0.5)), _euro(kwantiel(g.bedragen, 0.9))])
        return Tabel(sleutel, titel, [_("Team en groep"), _("Besluiten"), _("Toegekend"), _("Materieel van toegekend (%)"),
                                      _("Middelste bedrag (€)"), _("Hoog bedrag: 9 van de 10 zijn lager (€)")], rij, grafiek=4, eenheid="EUR")

    return [
        consulent_tabel,
        verdeling("gelijkheid-leefgebied", _("Toegekende bedragen per team en leefgebied"), per_leefgebied,
                  {lg.value: str(lg.label) for lg in Leefgebied}),
        verdeling("gelijkheid-doelgroep", _("Toegekende bedragen per team en doelgroep"), per_doelgroep,
                  {d.value: str(d.label) for d in Doelgroep}),
    ]
