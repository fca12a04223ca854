"""The content of the beëindigingsbeschikking, in plain Dutch (B1), as a ``BeschikkingInhoud``.

The letter says why support stops (per reason below), what keeps running (provisions already granted,
Handreiking §4.4), who helps further (warme overdracht) and how to object. The beschikkingen app renders
and stores it with the same replaceable templates as the plan (``soort == "BEEINDIGING"``).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from nieuwestart.beschikkingen.inhoud import BeschikkingInhoud, Beschikkingsoort, Besluit, Voorzieningregel
from nieuwestart.beschikkingen.services import kenmerk_voor
from nieuwestart.dossiers.models import Leefgebied
from nieuwestart.plannen.inhoud import _huishouden, _naam, _persoon
from nieuwestart.plannen.models import Aard

from .models import Beeindigingsreden, Contactpoging, WarmeOverdracht


def d(datum: date | None) -> str:
    """A date as the letter writes it: 3 december 2026."""
    from nieuwestart.beschikkingen.documenten import datum_nl

    return datum_nl(datum)


def kenmerk(dossiernummer: str) -> str:
    return kenmerk_voor(dossiernummer, versie=1, soort="BEEINDIGING")


def reden_tekst(
    reden: str, *, einddatum: date, niet_erkend_op: date | None = None, eerste_gesprek: date | None = None,
    twee_jaar_op: date | None = None, pogingen: list[Contactpoging] = (), leefgebieden: dict[str, str] | None = None,
    overdrachten: list[WarmeOverdracht] = (), toelichting: str = "",
) -> str:
    """Why support stops, for the rechthebbende. Pure: the tests read it."""
    einde = d(einddatum)
    if reden == Beeindigingsreden.NIET_ERKEND:
        tekst = _(
            "UHT (Uitvoeringsorganisatie Herstel Toeslagen) heeft%(op)s besloten dat u niet erkend bent als "
            "gedupeerde. Daarom heeft u geen recht meer op brede ondersteuning van de gemeente. Wij hebben de hulp "
            "daarna in 30 dagen afgebouwd. Dat heet de acclimatisatiefase. De brede ondersteuning stopt op %(einde)s."
        ) % {"op": f" op {d(niet_erkend_op)}" if niet_erkend_op else "", "einde": einde}
    elif reden == Beeindigingsreden.DOELEN_BEREIKT:
        naar = {o.leefgebied: o.ontvanger_naam for o in overdrachten if o.telt_als_doel_bereikt}
        delen = []
        for code, stand in (leefgebieden or {}).items():
            label = str(Leefgebied(code).label)
            if stand == "OVERGEDRAGEN" and code in naar:
                delen.append(_("%(lg)s: u krijgt verder hulp van %(wie)s.") % {"lg": label, "wie": naar[code]})
            else:
                delen.append(_("%(lg)s: het doel is bereikt.") % {"lg": label})
        tekst = _("U heeft de doelen uit uw plan van aanpak bereikt. ") + " ".join(delen) + " " + _(
            "Daarom stopt de brede ondersteuning op %(einde)s."
        ) % {"einde": einde}
    elif reden == Beeindigingsreden.TWEE_JAAR_VERSTREKEN:
        tekst = _(
            "De brede ondersteuning duurt ten hoogste twee jaar na het eerste gesprek.%(gesprek)s Die twee jaar "
            "zijn voorbij%(tot)s. Daarom stopt de brede ondersteuning op %(einde)s. De gemeente neemt geen nieuwe "
            "besluiten meer over hulp."
        ) % {
            "gesprek": f" Uw eerste gesprek was op {d(eerste_gesprek)}." if eerste_gesprek else "",
            "tot": f" sinds {d(twee_jaar_op)}" if twee_jaar_op else "",
            "einde": einde,
        }
    elif reden == Beeindigingsreden.GEEN_BEHOEFTE_MEER:
        tekst = _(
            "U heeft ons laten weten dat u geen brede ondersteuning meer wilt. Daarom stopt de ondersteuning op "
            "%(einde)s. Wilt u later toch weer hulp? Neem dan contact met ons op."
        ) % {"einde": einde}
    elif reden == Beeindigingsreden.GEEN_CONTACT:
        lijst = "; ".join(f"{d(p.datum)} ({p.get_kanaal_display().lower()})" for p in pogingen)
        tekst = _(
            "Wij hebben %(aantal)s keer geprobeerd contact met u te krijgen: %(lijst)s. U heeft niet gereageerd. "
            "Daarom stopt de brede ondersteuning op %(einde)s. Wilt u toch weer hulp? Neem dan contact met ons op."
        ) % {"aantal": len(pogingen), "lijst": lijst, "einde": einde}
    else:  # VERHUISD, OVERLEDEN: no letter, but the dossier page shows the same kind of text
        tekst = _("De brede ondersteuning stopt op %(einde)s.") % {"einde": einde}
    if toelichting.strip():
        tekst += " " + toelichting.strip()
    return tekst


def vervolg_tekst(reden: str, *, overdrachten: list[WarmeOverdracht], lopend: int) -> str:
    zinnen = []
    if lopend:
        zinnen.append(_(
            "Hulp die u al heeft gekregen, loopt door tot de einddatum die erbij staat. Die staat hieronder."
        ))
    for o in overdrachten:
        if o.telt_als_doel_bereikt:
            wie = o.ontvanger_naam + (f" ({o.contactpersoon})" if o.contactpersoon else "")
            zinnen.append(_("Voor %(lg)s helpt %(wie)s u verder.") % {"lg": o.get_leefgebied_display().lower(), "wie": wie})
    if any(o.telt_als_doel_bereikt for o in overdrachten):
        zinnen.append(_("Uw consulent belt u over een paar weken om te vragen of die hulp goed is begonnen."))
    if reden == Beeindigingsreden.NIET_ERKEND:
        zinnen.append(_(
            "Schuldeisers van de overheid beginnen na de afbouw weer met het innen van schulden die stil lagen "
            "(de pauzeknop). Heeft u hulp nodig bij schulden? Dan kunt u terecht bij de schuldhulpverlening van de gemeente."
        ))
    zinnen.append(_(
        "Heeft u later hulp nodig? Dan kunt u terecht bij het sociaal team van de gemeente, met de regels die daar gelden."
    ))
    return " ".join(zinnen)


def beeindiging_inhoud(
    *, dossier, reden: str, einddatum: date, datum: date, door, instellingen, reden_beeindiging: str,
    voorzieningen, overdrachten: list[WarmeOverdracht],
) -> BeschikkingInhoud:
    """The letter's content; ``voorzieningen`` are the granted provisions that keep running."""
    regels = tuple(
        Voorzieningregel(
            omschrijving=v.omschrijving,
            leefgebied=str(Leefgebied(v.doel.leefgebied).label),
            doel=v.doel.omschrijving,
            materieel=v.aard == Aard.MATERIEEL,
            besluit=Besluit.TOEGEKEND,
            aanbieder=v.aanbieder_naam,
            product=v.product_naam,
            hoeveelheid=v.hoeveelheid,
            bedrag=v.bedrag,
            begindatum=v.begindatum,
            einddatum=v.einddatum,
            motivering=_("Dit is al eerder aan u toegekend. U houdt deze hulp tot de einddatum die erbij staat.")
            if v.einddatum else _("Dit is al eerder aan u toegekend. U houdt deze hulp tot zij klaar is."),
        )
        for v in voorzieningen
    )
    eerste_gesprek = getattr(dossier, "eerste_gesprek", None)
    return BeschikkingInhoud(
        soort=Beschikkingsoort.BEEINDIGING,
        kenmerk=kenmerk(dossier.dossiernummer),
        datum=datum,
        gemeentenaam=instellingen.gemeentenaam,
        dossiernummer=dossier.dossiernummer,
        rechthebbende=_persoon(dossier.rechthebbende),
        versie=0,
        besloten_door=_("%(naam)s, consulent brede ondersteuning") % {"naam": _naam(door)},
        bezwaartermijn_weken=instellingen.bezwaartermijn_weken,
        bezwaar_instructie=instellingen.bezwaar_instructie,
        huishouden=_huishouden(dossier),
        eerste_gesprek=eerste_gesprek.datum if eerste_gesprek else None,
        voorzieningen=regels,
        vervolg=vervolg_tekst(reden, overdrachten=overdrachten, lopend=len(regels)),
        reden_beeindiging=reden_beeindiging,
        extra={
            "einddatum": d(einddatum),
            "reden_code": str(reden),
            "reden": str(Beeindigingsreden(reden).label),
        },
    )
