import io
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers import permissions
from nieuwestart.dossiers.models import Rechthebbende
from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen, verwerking
from nieuwestart.toegang.regels import DOSSIERS_WIJZIGEN, INSTELLINGEN_BEHEREN, PORTAALBESTANDEN_INLEZEN, vereist

from . import kindverificatie, opdrachten, rapport
from .forms import (
    BestandInlezenForm,
    BevestigenForm,
    DirecteAanmeldingForm,
    GezinsledenFormSet,
    KolomkoppelingForm,
    VraagbestandForm,
)
from .kolomkoppelingen import KoppelingFout, formaat_voor, koppeling_verwijderen
from .models import LOPENDE_FASEN, Fase, Importopdracht, Kolomkoppeling
from .portaal.lezen import BestandFout
from .portaal.valideren import DoelFout
from .services import PERSOONSVELDEN, NieuwGezinslid, directe_aanmelding_registreren


@require_http_methods(["GET", "POST"])
@vereist(DOSSIERS_WIJZIGEN)
def directe_aanmelding(request):
    if not permissions.mag_aanmelden(request.user):
        raise PermissionDenied
    teams = request.user.teams.all()
    vandaag = timezone.localdate()
    form = DirecteAanmeldingForm(request.POST or None, teams=teams, initial={"aanmelddatum": vandaag})
    formset = GezinsledenFormSet(request.POST or None, prefix="gezinsleden")
    if request.method == "POST" and request.POST.get("actie") == "gezinslid_toevoegen":
        # Re-show what was typed with one more empty household row (works without JavaScript);
        # nothing is validated or saved yet.
        form = DirecteAanmeldingForm(initial=request.POST.dict(), teams=teams)
        formset = GezinsledenFormSet(initial=_gezinsleden_zoals_ingevuld(request.POST), prefix="gezinsleden")
        formset.extra = 1
        return render(request, "aanmeldingen/directe_aanmelding.html", {"form": form, "formset": formset})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        gezinsleden = [NieuwGezinslid(**f.cleaned_data) for f in formset if f.cleaned_data]
        try:
            # The household members with a BSN are data subjects of this registration too.
            betrokkenen = [data["bsn"], *(lid.bsn for lid in gezinsleden if lid.bsn)]
            with verwerking(request, naam="directe_aanmelding_registreren", betrokkenen=betrokkenen,
                            object_type="dossier"):
                dossier = directe_aanmelding_registreren(
                    door=request.user,
                    bsn=data["bsn"],
                    persoon={veld: data.get(veld) or "" for veld in PERSOONSVELDEN} | {"geboortedatum": data["geboortedatum"]},
                    doelgroep=data["doelgroep"],
                    aanmelddatum=data["aanmelddatum"],
                    team=data["team"],
                    behandelaar=request.user,
                    gezinsleden=gezinsleden,
                    woont_bij_ouder=data["woont_bij_ouder"],
                    vandaag=vandaag,
                )
        except RegelOvertreding as fout:
            if fout.veld and fout.veld.startswith("gezinsleden-"):
                _prefix, index, veld = fout.veld.split("-")
                formset.forms[int(index)].add_error(veld, fout.bericht)
            else:
                form.voeg_regelovertreding_toe(fout)
        else:
            messages.success(
                request,
                _("%(naam)s is aangemeld in dossier %(nummer)s. Leg nu de verificatie bij UHT vast.")
                % {"naam": dossier.rechthebbende.volledige_naam, "nummer": dossier.dossiernummer},
            )
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "aanmeldingen/directe_aanmelding.html", {"form": form, "formset": formset})


def _gezinsleden_zoals_ingevuld(post) -> list[dict]:
    try:
        totaal = max(0, min(int(post.get("gezinsleden-TOTAL_FORMS") or 0), 15))
    except ValueError:
        totaal = 0
    velden = ("voornamen", "achternaam", "geboortedatum", "relatie", "bsn")
    rijen = []
    for i in range(totaal):
        rij = {veld: post.get(f"gezinsleden-{i}-{veld}", "") for veld in velden}
        rij["inwonend"] = bool(post.get(f"gezinsleden-{i}-inwonend"))
        rijen.append(rij)
    return rijen


# --- Portal files: upload → preview → confirm, in the background ---------------------------------

RIJEN_OP_SCHERM = 100  # rejected rows / proposed updates shown; the report has all of them


def _opdracht_of_404(request, pk) -> Importopdracht:
    """Only the person who uploaded sees an upload (404 for everyone else, also their team)."""
    return get_object_or_404(opdrachten.zichtbare_opdrachten(request.user), pk=pk)


def _sessie_niet_opslaan(request) -> None:
    """A progress poll changes nothing, so it must not write the session either.

    With ``SESSION_SAVE_EVERY_REQUEST`` every request saves its session; on SQLite that write
    would wait for the import's own write transaction (one writer at a time) and fail.
    """
    request.session.save = lambda must_create=False: None


def _getal(n) -> str:
    return number_format(n or 0, force_grouping=True)


def _context(opdracht: Importopdracht, stand: opdrachten.Stand) -> dict:
    uitkomst = opdracht.uitkomst or {}
    v = stand.voortgang
    regels_totaal = v.totaal if v.totaal is not None else uitkomst.get("regels_geschat")
    context = {
        "opdracht": opdracht,
        "stand": stand,
        "uitkomst": uitkomst,
        "gedaan_tekst": _getal(v.gedaan),
        "totaal_tekst": _getal(regels_totaal) if regels_totaal else "",
        "totaal": regels_totaal,
        "gedaan": min(v.gedaan, regels_totaal) if regels_totaal else v.gedaan,
        "tellingen": [
            (opdrachten.telling_naam(code), _getal(aantal)) for code, aantal in uitkomst.get("tellingen", [])
        ],
        "resultaat_tellingen": [
            (opdrachten.telling_naam(code, opdracht.doel if opdracht.importbestand_id else ""), _getal(aantal))
            for code, aantal in (opdracht.resultaat or {}).get("tellingen", [])
        ],
        "portaaldatum": date.fromisoformat(uitkomst["portaaldatum"]) if uitkomst.get("portaaldatum") else None,
        "verloopdatum": date.fromisoformat(uitkomst["verloopdatum"]) if uitkomst.get("verloopdatum") else None,
    }
    if opdracht.fase in (Fase.VOORBEELD, Fase.KLAAR):
        # Row-level outcome (can be long): only on the pages that show it, never in a progress poll.
        velden = {f.name: f.verbose_name for f in Rechthebbende._meta.get_fields() if hasattr(f, "verbose_name")}
        context.update(
            afwijzingen=opdracht.afwijzingen[:RIJEN_OP_SCHERM],
            aantal_afwijzingen=len(opdracht.afwijzingen),
            wijzigingen=[
                {**w, "veld_naam": velden.get(w["veld"], w["veld"])} for w in opdracht.wijzigingen[:RIJEN_OP_SCHERM]
            ],
            aantal_wijzigingen=len(opdracht.wijzigingen),
        )
    return context


@require_http_methods(["GET", "POST"])
@vereist(PORTAALBESTANDEN_INLEZEN)
def bestand_inlezen(request):
    teams = request.user.teams.order_by("naam")
    form = BestandInlezenForm(request.POST or None, request.FILES or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        bestand = data["bestand"]
        try:
            opdracht = opdrachten.opdracht_aanmaken(
                inhoud=bestand.read(), bestandsnaam=bestand.name, doel=data["doel"], door=request.user,
                team=data.get("team"), portaaldatum=data.get("portaaldatum"), vandaag=timezone.localdate(),
            )
        except DoelFout as fout:
            # Refused for its purpose (a debt list, another kind of list): nothing of it is kept.
            form.add_error("bestand", fout.melding)
            beveiligingsgebeurtenis_vastleggen(
                request, actie="portaalbestand_geweigerd", resultaat="GEWEIGERD", object_type="portaalbestand",
                object_id=data["doel"], reden=fout.melding[:200],
            )
        except BestandFout as fout:
            form.add_error("bestand", fout.melding)
        else:
            return redirect("aanmeldingen:opdracht", pk=opdracht.pk)
    lopend = opdrachten.zichtbare_opdrachten(request.user).filter(fase__in=LOPENDE_FASEN)[:20]
    return render(request, "aanmeldingen/bestand_inlezen.html", {
        "form": form, "lopend": lopend, "vraag_form": VraagbestandForm(),
        "max_mb": settings.NS_IMPORT_MAX_MB,
    }, status=400 if form.is_bound and form.errors else 200)


@require_GET
@vereist(PORTAALBESTANDEN_INLEZEN)
def opdracht(request, pk):
    opdracht = _opdracht_of_404(request, pk)
    stand = opdrachten.stand_van(opdracht)
    context = _context(opdracht, stand)
    if stand.loopt or stand.afgebroken:
        _sessie_niet_opslaan(request)
    elif opdracht.fase == Fase.VOORBEELD:
        context["bevestigen_form"] = BevestigenForm()
        context["koppeling_form"] = _koppeling_form(opdracht)
    return _voorbeeld_tonen(request, opdracht, context)


def _voorbeeld_tonen(request, opdracht: Importopdracht, context: dict, status: int = 200):
    """Render the upload page; proposed contact updates show known persons' details, so
    showing them is a processing of those persons' data (one log line each)."""
    getoond = [w.get("bsn", "") for w in context.get("wijzigingen") or []]
    if not any(getoond):
        return render(request, "aanmeldingen/importopdracht.html", context, status=status)
    with verwerking(request, naam="importvoorbeeld_bekijken", betrokkenen=getoond,
                    object_type="importopdracht", object_id=str(opdracht.pk)):
        return render(request, "aanmeldingen/importopdracht.html", context, status=status)


def _koppeling_form(opdracht: Importopdracht, data=None) -> KolomkoppelingForm | None:
    onbekend = (opdracht.uitkomst or {}).get("onbekende_kolommen") or []
    if not onbekend:
        return None
    return KolomkoppelingForm(
        data, onbekende_kolommen=onbekend, kolommen=formaat_voor(opdracht.doel).kolommen, prefix="koppeling",
    )


@require_GET
@vereist(PORTAALBESTANDEN_INLEZEN)
def opdracht_voortgang(request, pk):
    """The progress block, polled by htmx; once the phase moves on, the whole page reloads."""
    opdracht = get_object_or_404(opdrachten.zichtbare_opdrachten(request.user).defer("afwijzingen", "wijzigingen"), pk=pk)
    if not request.htmx:
        return redirect("aanmeldingen:opdracht", pk=opdracht.pk)
    _sessie_niet_opslaan(request)
    stand = opdrachten.stand_van(opdracht)
    if not stand.loopt:
        return HttpResponseClientRedirect(reverse("aanmeldingen:opdracht", kwargs={"pk": opdracht.pk}))
    return render(request, "aanmeldingen/_voortgang.html", _context(opdracht, stand))


@require_POST
@vereist(PORTAALBESTANDEN_INLEZEN)
def opdracht_bevestigen(request, pk):
    opdracht = _opdracht_of_404(request, pk)
    form = BevestigenForm(request.POST)
    overnemen = form.is_valid() and form.cleaned_data["wijzigingen_overnemen"]
    if not opdrachten.bevestigen(opdracht, wijzigingen_overnemen=overnemen):
        messages.warning(request, _("Dit bestand kan nu niet worden ingelezen. Bekijk hieronder waarom."))
    return redirect("aanmeldingen:opdracht", pk=opdracht.pk)


@require_POST
@vereist(PORTAALBESTANDEN_INLEZEN)
def opdracht_afbreken(request, pk):
    opdracht = _opdracht_of_404(request, pk)
    if opdrachten.afbreken(opdracht):
        messages.success(request, _("U heeft het inlezen afgebroken. Er is niets veranderd en het bestand is verwijderd."))
        return redirect("aanmeldingen:bestand_inlezen")
    messages.warning(request, _("Afbreken kan niet meer: het inlezen is al begonnen of klaar."))
    return redirect("aanmeldingen:opdracht", pk=opdracht.pk)


@require_POST
@vereist(PORTAALBESTANDEN_INLEZEN)
def opdracht_opnieuw(request, pk):
    opdracht = _opdracht_of_404(request, pk)
    if not opdrachten.opnieuw_proberen(opdracht):
        messages.warning(request, _("Opnieuw proberen kan niet. Lees het bestand opnieuw in."))
    return redirect("aanmeldingen:opdracht", pk=opdracht.pk)


@require_POST
@vereist(PORTAALBESTANDEN_INLEZEN)
def opdracht_kolommen(request, pk):
    opdracht = _opdracht_of_404(request, pk)
    form = _koppeling_form(opdracht, request.POST)
    if opdracht.fase != Fase.VOORBEELD or form is None:
        return redirect("aanmeldingen:opdracht", pk=opdracht.pk)
    if not form.is_valid():
        context = _context(opdracht, opdrachten.stand_van(opdracht))
        context.update(bevestigen_form=BevestigenForm(), koppeling_form=form)
        return _voorbeeld_tonen(request, opdracht, context, status=400)
    try:
        opdrachten.kolommen_koppelen(
            opdracht, koppelingen=form.koppelingen, bewaren=form.cleaned_data["bewaren"], door=request.user,
        )
    except KoppelingFout as fout:
        messages.error(request, fout.melding)
    else:
        if form.cleaned_data["bewaren"]:
            beveiligingsgebeurtenis_vastleggen(
                request, actie="kolomkoppeling_opgeslagen", resultaat="GELUKT", object_type="kolomkoppeling",
                object_id=opdracht.doel,
            )
            messages.success(request, _("De koppeling is bewaard. Volgende bestanden worden ook zo gelezen."))
    return redirect("aanmeldingen:opdracht", pk=opdracht.pk)


@require_GET
@vereist(PORTAALBESTANDEN_INLEZEN)
def afwijzingsrapport(request, pk, formaat):
    """The full list of rejected rows. Its values can be BSNs and names: a logged read."""
    opdracht = _opdracht_of_404(request, pk)
    rijen = opdracht.afwijzingen
    basis = opdracht.bestandsnaam.rsplit(".", 1)[0] or "bestand"
    with verwerking(
        request, naam="afwijzingsrapport_downloaden", betrokkenen=rapport.bsns_in(rijen),
        object_type="importopdracht", object_id=str(opdracht.pk),
    ):
        if formaat == "xlsx":
            inhoud, media_type = rapport.rapport_xlsx(rijen), rapport.XLSX_MEDIA_TYPE
        else:
            inhoud, media_type = rapport.rapport_csv(rijen), rapport.CSV_MEDIA_TYPE
    antwoord = HttpResponse(inhoud, content_type=media_type)
    antwoord["Content-Disposition"] = content_disposition_header(True, f"afgewezen_{basis}.{formaat}")
    antwoord["Cache-Control"] = "no-store"
    return antwoord


@require_GET
@vereist(PORTAALBESTANDEN_INLEZEN)
def ingelezen_bestanden(request):
    pagina = Paginator(opdrachten.ingelezen_bestanden(request.user), 50).get_page(request.GET.get("pagina"))
    eigen = opdrachten.zichtbare_opdrachten(request.user)[:20]
    return render(request, "aanmeldingen/ingelezen_bestanden.html", {
        "pagina": pagina, "opdrachten": eigen,
    })


@require_POST
@vereist(PORTAALBESTANDEN_INLEZEN)
def vraagbestand_downloaden(request):
    """The child-verification question file for the user's teams; records that it was asked."""
    form = VraagbestandForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies Excel of CSV."))
        return redirect("aanmeldingen:bestand_inlezen")
    uit = io.BytesIO()
    vraag = kindverificatie.vraagbestand(
        uit, soort=form.cleaned_data["soort"], door=request.user, vandaag=timezone.localdate(),
        team_ids=list(request.user.teams.values_list("pk", flat=True)),
        alleen_nieuw=form.cleaned_data["alleen_nieuw"], request=request,
    )
    antwoord = HttpResponse(uit.getvalue(), content_type=vraag.media_type)
    antwoord["Content-Disposition"] = content_disposition_header(True, vraag.bestandsnaam)
    antwoord["Cache-Control"] = "no-store"
    return antwoord


# --- Saved column mappings (functioneel beheerder) ----------------------------------------------------


@require_GET
@vereist(INSTELLINGEN_BEHEREN)
def kolomkoppelingen(request):
    koppelingen = Kolomkoppeling.objects.select_related("door")
    return render(request, "aanmeldingen/kolomkoppelingen.html", {"koppelingen": koppelingen})


@require_POST
@vereist(INSTELLINGEN_BEHEREN)
def kolomkoppeling_verwijderen(request, pk):
    koppeling = get_object_or_404(Kolomkoppeling, pk=pk)
    koppeling_verwijderen(pk=koppeling.pk)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="kolomkoppeling_verwijderd", resultaat="GELUKT", object_type="kolomkoppeling",
        object_id=f"{koppeling.doel}:{koppeling.kop}"[:100],
    )
    messages.success(
        request, _("De koppeling van ‘%(kop)s’ is verwijderd.") % {"kop": koppeling.kop_origineel or koppeling.kop}
    )
    return redirect("aanmeldingen:kolomkoppelingen")
