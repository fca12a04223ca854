"""The management dashboards, equal treatment, comparable cases and the benchmark: thin views.

Every dashboard is aggregates only (rule RAPPORTAGES_LEZEN: beleidsmedewerker and teamleider). Each
table can be downloaded: ``?formaat=xlsx`` gives every table of the page as a sheet, ``?formaat=csv&tabel=<sleutel>``
one table. The per-consulent view is the teamleider's, for the teams they lead (GELIJKE_BEHANDELING).
Comparable cases hang under a dossier (dossier_view: team check, processing log of that dossier).
"""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers.models import Dossier
from nieuwestart.dossiers.views import dossier_view
from nieuwestart.financien.export import download, tabel_csv, tabel_xlsx
from nieuwestart.toegang.regels import DOSSIERS_LEZEN, GELIJKE_BEHANDELING, RAPPORTAGES_LEZEN, vereist

from . import benchmark, gelijkheid, selectors, vergelijkbaar
from .forms import BenchmarkExportForm, BenchmarkVergelijkForm, RapportFilterForm
from .selectors import Filter, Tabel


def _filter(request, **kwargs) -> tuple[RapportFilterForm, Filter, dict]:
    form = RapportFilterForm(request.GET or None, **kwargs)
    if request.GET and form.is_valid():
        d = form.cleaned_data
        f = Filter(van=d.get("van"), tot=d.get("tot"), team_id=d["team"].pk if d.get("team") else None,
                   doelgroep=d.get("doelgroep") or None)
        return form, f, d
    return form, Filter(), {}


def _rijen_voor_export(tabel: Tabel) -> list[list]:
    return [tabel.kolommen, *tabel.rijen]


def _dashboard(request, *, sjabloon_titel: str, inleiding: str, tabellen: list[Tabel], form, bestandsnaam: str,
               extra: dict | None = None):
    formaat = request.GET.get("formaat")
    if formaat == "xlsx":
        return download(tabel_xlsx([(t.titel, _rijen_voor_export(t)) for t in tabellen]), f"{bestandsnaam}.xlsx")
    if formaat == "csv":
        tabel = next((t for t in tabellen if t.sleutel == request.GET.get("tabel")), None)
        if tabel is None:
            raise Http404
        return download(tabel_csv(_rijen_voor_export(tabel)), f"{bestandsnaam}-{tabel.sleutel}.csv")
    zoek = request.GET.copy()
    zoek.pop("formaat", None)
    zoek.pop("tabel", None)
    context = {"titel": sjabloon_titel, "inleiding": inleiding, "tabellen": tabellen, "form": form,
               "zoekstring": zoek.urlencode(), **(extra or {})}
    return render(request, "rapportages/dashboard.html", context)


@require_GET
@vereist(RAPPORTAGES_LEZEN)
def overzicht(request):
    return render(request, "rapportages/overzicht.html", {})


@require_GET
@vereist(RAPPORTAGES_LEZEN)
def bereik(request):
    form, f, _d = _filter(request)
    jaar = (f.tot or timezone.localdate()).year
    return _dashboard(
        request, sjabloon_titel=_("Bereik en gebruik"), form=form, bestandsnaam="bereik",
        inleiding=_("Hoeveel rechthebbenden bereiken we, vergeleken met de aantallen die UHT voor onze gemeente "
                    "publiceert? De periode gaat over de datum van aanmelding."),
        tabellen=selectors.rapport("bereik", f, jaar=jaar, vandaag=timezone.localdate()),
    )


@require_GET
@vereist(RAPPORTAGES_LEZEN)
def doorlooptijden(request):
    form, f, _d = _filter(request)
    return _dashboard(
        request, sjabloon_titel=_("Doorlooptijden"), form=form, bestandsnaam="doorlooptijden",
        inleiding=_("Hoe snel volgt het eerste gesprek op de aanmelding, en het plan van aanpak op het eerste gesprek? "
                    "De periode gaat over de datum van het gesprek of het plan."),
        tabellen=selectors.rapport("doorlooptijden", f, jaar=(f.tot or timezone.localdate()).year, vandaag=timezone.localdate()),
    )


@require_GET
@vereist(RAPPORTAGES_LEZEN)
def ondersteuning(request):
    form, f, _d = _filter(request)
    return _dashboard(
        request, sjabloon_titel=_("Ondersteuning"), form=form, bestandsnaam="ondersteuning",
        inleiding=_("Welke voorzieningen zijn toegekend en afgewezen, per leefgebied, en voor welk bedrag? "
                    "Waarom stopte de ondersteuning, en is de reguliere hulp na een warme overdracht echt begonnen? "
                    "De periode gaat over de datum van het besluit, de laatste dag van de ondersteuning en de "
                    "datum van de overdracht."),
        tabellen=selectors.rapport("ondersteuning", f, jaar=(f.tot or timezone.localdate()).year, vandaag=timezone.localdate()),
    )


@require_GET
@vereist(GELIJKE_BEHANDELING)
def gelijke_behandeling(request):
    teams = request.user.teams.all()
    form, f, d = _filter(request, teams=teams, leefgebied=True)
    team_ids = [f.team_id] if f.team_id else list(teams.values_list("pk", flat=True))
    return _dashboard(
        request, sjabloon_titel=_("Gelijke behandeling"), form=form, bestandsnaam="gelijke-behandeling",
        inleiding=_("Krijgen vergelijkbare mensen vergelijkbare hulp? Per consulent in uw teams: hoe vaak wordt "
                    "toegekend, hoe vaak materieel, en welke bedragen. Alleen besluiten in uitgegeven plannen tellen."),
        tabellen=gelijkheid.gelijke_behandeling(f, team_ids=team_ids, leefgebied=d.get("leefgebied") or None),
    )


@require_GET
@dossier_view(DOSSIERS_LEZEN, lezen="vergelijkbare_gevallen_bekijken")
def vergelijkbare_gevallen(request, dossier: Dossier):
    profiel, gevallen, samenvatting = vergelijkbaar.vergelijkbare_gevallen(dossier)
    return render(request, "rapportages/vergelijkbaar.html", {
        "dossier": dossier, "profiel": profiel, "gevallen": gevallen, "samenvatting": samenvatting,
        "leefgebieden": sorted(str(lg) for lg in profiel.leefgebieden),
    })


def _gemeente():
    from nieuwestart.instellingen.selectors import gemeente_instellingen

    return gemeente_instellingen()


@require_GET
@vereist(RAPPORTAGES_LEZEN)
def benchmark_export(request):
    vandaag = timezone.localdate()
    form = BenchmarkExportForm(request.GET or None, initial={"van": date(vandaag.year - 1, 1, 1), "tot": vandaag})
    if request.GET and form.is_valid():
        g = _gemeente()
        export = benchmark.benchmark_export(
            van=form.cleaned_data["van"], tot=form.cleaned_data["tot"], gemeentenaam=g.gemeentenaam,
            cbs_code=getattr(g, "gemeentecode", "") or "", vandaag=vandaag,
        )
        antwoord = download(benchmark.als_json(export), f"benchmark-{form.cleaned_data['van']}-{form.cleaned_data['tot']}.json")
        antwoord["Content-Type"] = "application/json"
        return antwoord
    return render(request, "rapportages/benchmark.html", {"form": form, "drempel": benchmark.DREMPEL})


@require_http_methods(["GET", "POST"])
@vereist(RAPPORTAGES_LEZEN)
def benchmark_vergelijken(request):
    vandaag = timezone.localdate()
    form = BenchmarkVergelijkForm(
        request.POST or None, request.FILES or None, initial={"van": date(vandaag.year - 1, 1, 1), "tot": vandaag}
    )
    tabellen, namen = None, []
    if request.method == "POST" and form.is_valid():
        try:
            ontvangen = [benchmark.lees_export(b.read(2_000_001)) for b in form.cleaned_data["bestanden"]]
        except RegelOvertreding as fout:
            form.voeg_regelovertreding_toe(fout)
        else:
            g = _gemeente()
            eigen = benchmark.benchmark_export(
                van=form.cleaned_data["van"], tot=form.cleaned_data["tot"], gemeentenaam=g.gemeentenaam,
                cbs_code=getattr(g, "gemeentecode", "") or "", vandaag=vandaag,
            )
            namen = [_("Eigen gemeente")] + [o["naam"] for o in ontvangen]
            tabellen = benchmark.vergelijk(eigen, ontvangen)
    return render(request, "rapportages/benchmark_vergelijken.html", {"form": form, "tabellen": tabellen, "namen": namen})
