"""Build the ``BeschikkingInhoud`` (``nieuwestart.beschikkingen.inhoud``) of an issued plan version.

Everything the letter says comes from here, in plain Dutch (B1); the beschikkingen app only renders
and stores it. Free-access provisions appear as part of the plan ("vrij toegankelijk: geen besluit
nodig") with besluit TOEGEKEND, so the rechthebbende sees the whole plan in one letter.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from nieuwestart.beschikkingen.inhoud import (
    BeschikkingInhoud,
    Beschikkingsoort,
    Besluit,
    Gezinslid,
    Leefgebiedregel,
    Persoon,
    Voorzieningregel,
)
from nieuwestart.dossiers.models import DOELSTELLINGEN, Leefgebied, Relatie

from .models import Aard, Doelstelling, Goedkeuringsoort, Planversie, Planversiesoort
from .selectors import termijngrenzen
from .toets import d, euro

_VOLDOET = {Doelstelling.JA: True, Doelstelling.NEE: False, Doelstelling.ONBEKEND: None}


def kenmerk(dossiernummer: str, versie: int) -> str:
    """The reference on the letter: one per plan version, e.g. NS-2026-000123-V2."""
    return f"{dossiernummer}-V{versie}"


def _naam(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _persoon(rh) -> Persoon:
    regels = []
    if rh.straat:
        regels.append(" ".join(p for p in (rh.straat, rh.huisnummer) if p))
    if rh.postcode or rh.woonplaats:
        regels.append(" ".join(p for p in (rh.postcode, rh.woonplaats) if p))
    return Persoon(naam=rh.volledige_naam, geboortedatum=rh.geboortedatum, adresregels=tuple(regels))


def _huishouden(dossier) -> tuple[Gezinslid, ...]:
    huishouden = getattr(dossier, "huishouden", None)
    if huishouden is None:
        return ()
    return tuple(
        Gezinslid(naam=f"{g.voornamen} {g.achternaam}", geboortedatum=g.geboortedatum, relatie=str(Relatie(g.relatie).label))
        for g in huishouden.leden.all()
    )


def _motivering(v) -> str:
    delen = [
        (_("Wat het oplost"), v.belemmering),
        (_("Waarom het past"), v.geschiktheid),
        (_("Waarom het nodig is"), v.noodzakelijkheid),
        (_("Waarom het in verhouding is"), v.evenredigheid),
        (_("Vaardigheden"), v.weging_vaardigheden),
        (_("Financiële situatie"), v.weging_draagkracht),
        (_("Het gezin"), v.weging_huishouden),
        (_("Hoe lang het helpt"), v.weging_duurzaamheid),
        (_("Hoe het helpt om het doel te halen"), v.weging_doel),
    ]
    tekst = "\n".join(f"{kop}: {inhoud.strip()}" for kop, inhoud in delen if inhoud.strip())
    if v.vrij_toegankelijk:
        tekst = (_("Vrij toegankelijk: hiervoor is geen besluit nodig.") + ("\n" + tekst if tekst else "")).strip()
    return tekst


def _besloten_door(versie: Planversie, door) -> str:
    """Who decided "namens het college": the teamleider if one approved a provision, else the issuer."""
    for v in versie.voorzieningen.all():
        for g in v.goedkeuringen.all():
            if g.telt and g.soort in (Goedkeuringsoort.TEAMLEIDER, Goedkeuringsoort.HARDHEIDSCLAUSULE) and not v.ongewijzigd_overgenomen:
                return _("%(naam)s, teamleider brede ondersteuning") % {"naam": _naam(g.door)}
    return _("%(naam)s, consulent brede ondersteuning") % {"naam": _naam(door)}


def _vervolg(versie: Planversie, grenzen, instellingen) -> str:
    zinnen = [_("Uw consulent bespreekt regelmatig met u hoe het gaat en of het plan nog past.")]
    if versie.op_hoofdlijnen:
        zinnen.append(_("Dit plan is op hoofdlijnen. Samen maken we het later concreter. Dat krijgt u dan ook op papier."))
    if grenzen.materieel_uiterlijk:
        zinnen.append(_("Over spullen of geld kan de gemeente besluiten tot en met %(datum)s.") % {"datum": d(grenzen.materieel_uiterlijk)})
    if grenzen.besluiten_uiterlijk:
        zinnen.append(
            _("Over nieuwe hulp kan de gemeente besluiten tot en met %(datum)s. Hulp die al is toegekend, loopt "
              "door tot de einddatum die erbij staat.") % {"datum": d(grenzen.besluiten_uiterlijk)}
        )
    zinnen.append(_("Verandert er iets in uw situatie? Neem dan contact op met uw consulent. Een wijziging van het "
                    "plan krijgt u altijd op papier, als addendum."))
    return " ".join(zinnen)


def _vervallen_voorzieningen(versie: Planversie) -> list[str]:
    vorige = Planversie.objects.filter(dossier_id=versie.dossier_id, versie=versie.versie - 1).first()
    if vorige is None:
        return []
    gehouden = {v.overgenomen_van_id for v in versie.voorzieningen.all()}
    return [v.omschrijving for v in vorige.voorzieningen.order_by("id") if v.pk not in gehouden]


def beschikking_inhoud(versie: Planversie, *, datum: date, door, instellingen) -> BeschikkingInhoud:
    """``versie`` from ``selectors.planversie_met_inhoud`` (prefetched)."""
    dossier = versie.dossier
    grenzen = termijngrenzen(dossier)
    doelen = list(versie.doelen.all())
    leefgebieden = []
    for lg in versie.leefgebieden.all():
        leefgebieden.append(Leefgebiedregel(
            leefgebied=str(Leefgebied(lg.leefgebied).label),
            doelstelling=str(DOELSTELLINGEN[Leefgebied(lg.leefgebied)]),
            situatie=lg.situatie,
            voldoet_aan_doelstelling=_VOLDOET[Doelstelling(lg.voldoet_aan_doelstelling)],
            hulpvraag=lg.hulpvraag,
            doelen=tuple(dl.omschrijving for dl in doelen if dl.leefgebied == lg.leefgebied),
        ))
    beschreven = {lg.leefgebied for lg in versie.leefgebieden.all()}
    for code in Leefgebied.values:  # goals in a leefgebied without a described situation
        if code not in beschreven and any(dl.leefgebied == code for dl in doelen):
            leefgebieden.append(Leefgebiedregel(
                leefgebied=str(Leefgebied(code).label), doelstelling=str(DOELSTELLINGEN[Leefgebied(code)]),
                situatie="", voldoet_aan_doelstelling=None, hulpvraag="",
                doelen=tuple(dl.omschrijving for dl in doelen if dl.leefgebied == code),
            ))

    voorzieningen = []
    for v in versie.voorzieningen.all():
        besluit = Besluit.AFGEWEZEN if v.besluit == "AFGEWEZEN" else Besluit.TOEGEKEND
        voorzieningen.append(Voorzieningregel(
            omschrijving=v.omschrijving,
            leefgebied=str(Leefgebied(v.doel.leefgebied).label),
            doel=v.doel.omschrijving,
            materieel=v.aard == Aard.MATERIEEL,
            besluit=besluit,
            aanbieder=v.aanbieder_naam,
            product=v.product_naam + (f" ({v.traject.get_zwaarte_display()})" if v.traject_id else ""),
            hoeveelheid=v.hoeveelheid,
            bedrag=v.bedrag,
            begindatum=v.begindatum,
            einddatum=v.einddatum,
            motivering=_motivering(v),
            reden_afwijzing=v.reden_afwijzing if besluit == Besluit.AFGEWEZEN else "",
            hardheidsclausule=v.hardheidsclausule_motivering if v.hardheidsclausule else "",
            acute_noodsituatie=v.acute_noodsituatie_motivering if v.acute_noodsituatie else "",
        ))

    eerste_gesprek = getattr(dossier, "eerste_gesprek", None)
    addendum = versie.soort == Planversiesoort.ADDENDUM
    vervallen = _vervallen_voorzieningen(versie) if addendum else []
    return BeschikkingInhoud(
        soort=Beschikkingsoort.ADDENDUM if addendum else Beschikkingsoort.PLAN,
        kenmerk=kenmerk(dossier.dossiernummer, versie.versie),
        datum=datum,
        gemeentenaam=instellingen.gemeentenaam,
        dossiernummer=dossier.dossiernummer,
        rechthebbende=_persoon(dossier.rechthebbende),
        versie=versie.versie,
        besloten_door=_besloten_door(versie, door),
        bezwaartermijn_weken=instellingen.bezwaartermijn_weken,
        bezwaar_instructie=instellingen.bezwaar_instructie,
        huishouden=_huishouden(dossier),
        eerste_gesprek=eerste_gesprek.datum if eerste_gesprek else grenzen.eerste_gesprek,
        op_hoofdlijnen=versie.op_hoofdlijnen,
        leefgebieden=tuple(leefgebieden),
        voorzieningen=tuple(voorzieningen),
        vervolg=_vervolg(versie, grenzen, instellingen),
        wijzigt_kenmerk=kenmerk(dossier.dossiernummer, versie.versie - 1) if addendum else "",
        extra={
            "totaal_toegekend": euro(sum((v.bedrag or 0) for v in versie.voorzieningen.all() if v.besluit == "TOEGEKEND")),
            "toelichting_addendum": versie.toelichting if addendum else "",
            # Provisions of the previous version this addendum no longer has (withdrawn), one per line.
            "vervallen_voorzieningen": "\n".join(vervallen),
        },
    )
