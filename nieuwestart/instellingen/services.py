"""Change the municipality's settings, the extra ATW holidays and the team-assignment rule, each as one transaction."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nieuwestart.beleid.regels import POSTCODEGEBIEDEN_OVERLAPPEN_NIET, RegelOvertreding

from nieuwestart.dossiers.models import Dossier
from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen
from nieuwestart.termijnen.models import ExtraFeestdag, Termijn
from nieuwestart.termijnen.services import atw_kalender, termijnen_bijwerken

from .models import POSTCODE_MAX, POSTCODE_MIN, GemeenteInstellingen, Postcodegebied, Rondeteam, Toewijzingswijze
from .selectors import gemeente_instellingen

WIJZIGBARE_VELDEN = (
    "gemeentenaam", "gemeentecode", "eerste_gesprek_weken", "bezwaartermijn_weken", "bezwaar_instructie",
    "mandaat_consulent_tot", "mandaat_vier_ogen_tot",
    "nazorg_eerste_weken", "nazorg_tweede_maanden", "contactpogingen_minimaal",
)


@transaction.atomic
def instellingen_wijzigen(*, door, **waarden) -> GemeenteInstellingen:
    instellingen = gemeente_instellingen()
    onbekend = set(waarden) - set(WIJZIGBARE_VELDEN)
    if onbekend:
        raise ValueError(f"Unknown settings: {sorted(onbekend)}")
    nazorg_oud = (instellingen.nazorg_eerste_weken, instellingen.nazorg_tweede_maanden)
    for veld, waarde in waarden.items():
        setattr(instellingen, veld, waarde)
    instellingen.gewijzigd_door = door
    instellingen.full_clean()
    instellingen.save()
    if (instellingen.nazorg_eerste_weken, instellingen.nazorg_tweede_maanden) != nazorg_oud:
        _open_nazorgtermijnen_bijwerken(instellingen)
    return instellingen


def _open_nazorgtermijnen_bijwerken(instellingen) -> int:
    """A new aftercare term moves the open aftercare checks at once, not only after the nightly run."""
    ids = (
        Termijn.objects.filter(
            regel__in=("NAZORG_EERSTE_CONTROLE", "NAZORG_TWEEDE_CONTROLE"),
            voldaan_op__isnull=True, vervallen_op__isnull=True,
        ).values_list("dossier_id", flat=True).distinct()
    )
    kalender = atw_kalender()
    dossiers = Dossier.objects.filter(pk__in=list(ids))
    for dossier in dossiers:
        termijnen_bijwerken(dossier, kalender=kalender, instellingen=instellingen)
    return len(dossiers)


# --- Extra holidays (ATW art. 3 lid 3) ------------------------------------------------------

# A holiday moves an end date that falls on it to the next working day; with weekends and
# other holidays around it that is at most a few days. Terms ending within this many days
# of the holiday (before or after) are the only ones that can change.
FEESTDAG_BEREIK_DAGEN = 7


def _termijnen_rond_feestdag_bijwerken(datum) -> int:
    """Recompute the stored terms of the open dossiers a holiday on ``datum`` can affect.

    Call after the holiday was added or removed: the calendar is read once, after the change.
    """
    van, tot = datum - timedelta(days=FEESTDAG_BEREIK_DAGEN), datum + timedelta(days=FEESTDAG_BEREIK_DAGEN)
    geraakt = Termijn.objects.filter(
        Q(einddatum__range=(van, tot)) | Q(oorspronkelijke_einddatum__range=(van, tot))
    ).values("dossier_id")
    kalender = atw_kalender()
    instellingen = gemeente_instellingen()
    aantal = 0
    dossiers = Dossier.objects.open().filter(pk__in=geraakt).prefetch_related("gebeurtenissen")
    for dossier in dossiers.iterator(chunk_size=500):
        termijnen_bijwerken(dossier, kalender=kalender, instellingen=instellingen)
        aantal += 1
    return aantal


@transaction.atomic
def extra_feestdag_toevoegen(*, door, request=None, datum, naam, grondslag=""):
    """Add a holiday by Royal Decree and move the stored terms that end on it, at once."""
    feestdag = ExtraFeestdag(datum=datum, naam=naam, grondslag=grondslag)
    feestdag.full_clean()
    feestdag.save()
    _termijnen_rond_feestdag_bijwerken(datum)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="feestdag_toegevoegd", resultaat="GELUKT", object_type="feestdag",
        object_id=datum.isoformat(), actor=door,
    )
    return feestdag


@transaction.atomic
def extra_feestdag_verwijderen(*, door, request=None, feestdag) -> None:
    """Remove a holiday and move the stored terms it had moved back, at once."""
    datum = feestdag.datum
    feestdag.delete()
    _termijnen_rond_feestdag_bijwerken(datum)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="feestdag_verwijderd", resultaat="GELUKT", object_type="feestdag",
        object_id=datum.isoformat(), actor=door,
    )


# --- Team assignment of new registrations from portal files ---------------------------------
# Every change takes the settings row's lock first, so two beheerders saving at once cannot
# create overlapping postcode areas. Each change sets ``gewijzigd_door`` and writes one line in
# the security log, like the other settings.

def _instellingen_vergrendeld() -> GemeenteInstellingen:
    pk = gemeente_instellingen().pk
    return GemeenteInstellingen.objects.select_for_update().get(pk=pk)


def _gewijzigd(instellingen: GemeenteInstellingen, door) -> None:
    GemeenteInstellingen.objects.filter(pk=instellingen.pk).update(gewijzigd_door=door, gewijzigd_op=timezone.now())


def teamtoewijzing_fouten(*, wijze: str, vast_team, vangnet_team, ronde_teams) -> dict[str, str]:
    """What the chosen mode lacks, per field (empty when complete). Used by the service and the form."""
    fouten = {}
    if wijze not in Toewijzingswijze.values:
        fouten["wijze"] = _("Kies hoe nieuwe aanmeldingen een team krijgen.")
    elif wijze == Toewijzingswijze.VAST and vast_team is None:
        fouten["vast_team"] = _("Kies welk team alle nieuwe aanmeldingen krijgt.")
    elif wijze == Toewijzingswijze.POSTCODE and vangnet_team is None:
        fouten["vangnet_team"] = _("Kies welk team de postcodes buiten de gebieden krijgt.")
    elif wijze == Toewijzingswijze.ROUND_ROBIN and not ronde_teams:
        fouten["ronde_teams"] = _("Kies minstens één team dat meedoet: vul bij dat team een volgnummer in.")
    if len({t.pk for t in ronde_teams}) != len(ronde_teams):
        fouten["ronde_teams"] = _("Elk team kan maar één keer meedoen.")
    return fouten


@transaction.atomic
def teamtoewijzing_wijzigen(
    *, door, request=None, wijze: str, vast_team=None, vangnet_team=None, ronde_teams=()
) -> GemeenteInstellingen:
    """Set the mode and its teams. ``ronde_teams``: the round-robin teams in their order.

    Teams for other modes are kept, so switching back loses nothing. Raises ``ValidationError``
    (keys ``wijze``, ``vast_team``, ``vangnet_team``, ``ronde_teams``) when the mode lacks its team(s).
    """
    ronde_teams = list(ronde_teams)
    fouten = teamtoewijzing_fouten(
        wijze=wijze, vast_team=vast_team, vangnet_team=vangnet_team, ronde_teams=ronde_teams
    )
    if fouten:
        raise ValidationError(fouten)

    instellingen = _instellingen_vergrendeld()
    instellingen.toewijzing = wijze
    instellingen.toewijzing_vast_team = vast_team
    instellingen.toewijzing_vangnet_team = vangnet_team
    instellingen.gewijzigd_door = door
    instellingen.save(update_fields=[
        "toewijzing", "toewijzing_vast_team", "toewijzing_vangnet_team", "gewijzigd_door", "gewijzigd_op",
    ])
    huidige = list(Rondeteam.objects.order_by("volgorde", "team__naam").values_list("team_id", flat=True))
    if huidige != [t.pk for t in ronde_teams]:
        Rondeteam.objects.all().delete()
        Rondeteam.objects.bulk_create(
            Rondeteam(team=team, volgorde=plaats) for plaats, team in enumerate(ronde_teams, start=1)
        )
    beveiligingsgebeurtenis_vastleggen(
        request, actie="teamtoewijzing_gewijzigd", resultaat="GELUKT", object_type="teamtoewijzing",
        object_id=wijze, actor=door,
    )
    return instellingen


@transaction.atomic
def postcodegebied_toevoegen(*, door, request=None, van: int, tot: int, team) -> Postcodegebied:
    """Add an area; refused (``ValidationError`` on ``van``/``tot``, or ``RegelOvertreding``
    ``POSTCODEGEBIEDEN_OVERLAPPEN_NIET`` on ``van``) when invalid or overlapping another area."""
    fouten = {}
    for veld, waarde in (("van", van), ("tot", tot)):
        if not POSTCODE_MIN <= waarde <= POSTCODE_MAX:
            fouten[veld] = _("Vul vier cijfers in, van 1000 tot en met 9999.")
    if not fouten and van > tot:
        fouten["tot"] = _("'Tot en met postcode' moet gelijk zijn aan 'van postcode' of hoger.")
    if fouten:
        raise ValidationError(fouten)
    instellingen = _instellingen_vergrendeld()
    bestaand = Postcodegebied.objects.filter(van__lte=tot, tot__gte=van).select_related("team").first()
    if bestaand:
        raise RegelOvertreding(
            POSTCODEGEBIEDEN_OVERLAPPEN_NIET,
            _(
                "Dit gebied overlapt met postcodes %(van)d tot en met %(tot)d van %(team)s. "
                "Elke postcode hoort bij één team. Pas 'van postcode' of 'tot en met postcode' aan, "
                "of verwijder eerst het andere gebied."
            ) % {"van": bestaand.van, "tot": bestaand.tot, "team": bestaand.team.naam},
            veld="van",
        )
    gebied = Postcodegebied.objects.create(van=van, tot=tot, team=team)
    _gewijzigd(instellingen, door)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="postcodegebied_toegevoegd", resultaat="GELUKT", object_type="teamtoewijzing",
        object_id=f"{van}-{tot}:{team.pk}", actor=door,
    )
    return gebied


@transaction.atomic
def postcodegebied_verwijderen(*, door, request=None, gebied: Postcodegebied) -> None:
    instellingen = _instellingen_vergrendeld()
    omschrijving = f"{gebied.van}-{gebied.tot}:{gebied.team_id}"
    gebied.delete()
    _gewijzigd(instellingen, door)
    beveiligingsgebeurtenis_vastleggen(
        request, actie="postcodegebied_verwijderd", resultaat="GELUKT", object_type="teamtoewijzing",
        object_id=omschrijving, actor=door,
    )
