from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nieuwestart.beleid.regels import RegelOvertreding
from nieuwestart.dossiers import permissions
from nieuwestart.logboek.services import verwerking
from nieuwestart.toegang.regels import DOSSIERS_WIJZIGEN, vereist

from .forms import DirecteAanmeldingForm, GezinsledenFormSet
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
