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
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

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
    bedragen: list | None = None

    def voeg_toe(self, besluit: str, aard: str, bedrag: Decimal) -> None:
        self.beslist += 1
        if besluit == Besluit.TOEGEKEND:
            self.toegekend += 1
            self.materieel += aard == Aard.MATERIEEL
            if self.bedragen is None:
                self.bedragen = []
            self.bedragen.append(bedrag)


def _r(z: float | None) -> float | None:
    return None if z is None else round(z, 2)


def gelijke_behandeling(f: Filter, *, team_ids: list[int], leefgebied: str | None = None) -> list[Tabel]:
    qs = Voorzieningskosten.objects.filter(f.op_dossier(), f.periode("besluitdatum"), team_id__in=team_ids)
    if leefgebied:
        qs = qs.filter(leefgebied=leefgebied)
    rijen = qs.values_list(
        "team__naam", "behandelaar_id", "behandelaar__first_name", "behandelaar__last_name", "behandelaar__username",
        "besluit", "aard", "toegezegd_bedrag", "leefgebied", "doelgroep",
    ).order_by()
    teams: dict[str, _Groep] = defaultdict(_Groep)
    consulenten: dict[tuple[str, int | None], _Groep] = defaultdict(_Groep)
    namen: dict[int | None, str] = {None: _("(geen consulent)")}
    per_leefgebied: dict[tuple[str, str], _Groep] = defaultdict(_Groep)
    per_doelgroep: dict[tuple[str, str], _Groep] = defaultdict(_Groep)
    for team, bid, voornaam, achternaam, gebruikersnaam, besluit, aard, bedrag, lg, dg in rijen:
        if bid not in namen:
            namen[bid] = f"{voornaam} {achternaam}".strip() or gebruikersnaam
        for groep in (teams[team], consulenten[team, bid], per_leefgebied[team, lg], per_doelgroep[team, dg]):
            groep.voeg_toe(besluit, aard, bedrag)

    consulent_rijen = []
    for (team, bid), g in sorted(consulenten.items(), key=lambda kv: (kv[0][0], namen[kv[0][1]])):
        t = teams[team]
        rest = _Groep(t.beslist - g.beslist, t.toegekend - g.toegekend, t.materieel - g.materieel)
        z_toekenning = twee_proporties_z(g.toegekend, g.beslist, rest.toegekend, rest.beslist)
        z_materieel = twee_proporties_z(g.materieel, g.toegekend, rest.materieel, rest.toegekend)
        med = kwantiel(g.bedragen or [], 0.5)
        p25, p75 = kwantiel(t.bedragen or [], 0.25), kwantiel(t.bedragen or [], 0.75)
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
            med, signaal,
        ])
    consulent_tabel = Tabel(
        "gelijkheid-consulenten", _("Per consulent, vergeleken met de rest van het team"),
        [_("Consulent"), _("Team"), _("Besluiten"), _("Toegekend (%)"), _("Rest team: toegekend (%)"),
         _("z toekenning"), _("Materieel van toegekend (%)"), _("Rest team: materieel (%)"), _("z materieel"),
         _("Mediaan toegekend bedrag (€)"), _("Signaal")],
        consulent_rijen, grafiek=6, eenheid="%",
        uitleg=_("z is de twee-proportietoets: hoeveel standaardfouten het percentage van de consulent afligt van dat "
                 "van de rest van het team. Bij |z| van 2 of meer én minstens %(n)s besluiten staat er een signaal. "
                 "Het bedrag krijgt een signaal als de mediaan buiten de middelste helft (P25 tot P75) van alle "
                 "toegekende bedragen van het team valt. Een signaal is een vraag voor het casuïstiekoverleg, "
                 "geen oordeel.") % {"n": MIN_GEVALLEN},
    )

    def verdeling(sleutel: str, titel: str, groepen: dict, labels: dict) -> Tabel:
        rij = []
        for (team, code), g in sorted(groepen.items()):
            rij.append([f"{team} – {labels.get(code, code)}", g.beslist, g.toegekend, _pct(g.materieel, g.toegekend),
                        kwantiel(g.bedragen or [], 0.5), kwantiel(g.bedragen or [], 0.9)])
        return Tabel(sleutel, titel, [_("Team en groep"), _("Besluiten"), _("Toegekend"), _("Materieel van toegekend (%)"),
                                      _("Mediaan bedrag (€)"), _("90e percentiel bedrag (€)")], rij, grafiek=4, eenheid="EUR")

    return [
        consulent_tabel,
        verdeling("gelijkheid-leefgebied", _("Toegekende bedragen per team en leefgebied"), per_leefgebied,
                  {lg.value: str(lg.label) for lg in Leefgebied}),
        verdeling("gelijkheid-doelgroep", _("Toegekende bedragen per team en doelgroep"), per_doelgroep,
                  {d.value: str(d.label) for d in Doelgroep}),
    ]
