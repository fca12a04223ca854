"""Reads for the auditor screens. Nothing here writes; views log what the auditor looks at."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from .models import Beveiligingsgebeurtenis, Verwerking, Verwerkingsactiviteit
from .services import betrokkene_hashes

DOORBREKEN = "dossier_doorbreken"

# Dutch names for operation and action codes that the screens and exports show.
OPERATIE_NAMEN = {
    "dossier_bekijken": _("Dossier bekeken"),
    "dossier_wijzigen": _("Dossier gewijzigd"),
    "dossier_doorbreken": _("Dossier geopend buiten het eigen team (doorbreking)"),
    "document_downloaden": _("Document gedownload"),
    "export": _("Export"),
    "export_regel": _("Opgenomen in een export"),
    "import_regel": _("Ingelezen uit een bestand"),
    "api_lezen": _("Opgevraagd via de API"),
    "inzageverzoek_inzien": _("Verwerkingen bekeken voor een inzageverzoek"),
    "inzageverzoek_export": _("Export voor een inzageverzoek"),
    "logboek_dossier_ingezien": _("Logboek van een dossier bekeken"),
    "logboek_integriteit_gecontroleerd": _("Logboeken op echtheid gecontroleerd"),
    "verwerkingsregister_gewijzigd": _("Verwerkingsregister aangevuld"),
    "inloggen": _("Ingelogd"),
    "inloggen_wachtwoord": _("Inloggen met wachtwoord"),
    "uitloggen": _("Uitgelogd"),
    "account_vergrendeld": _("Account tijdelijk geblokkeerd na te veel pogingen"),
    "mfa_app_gekoppeld": _("App voor de tweede stap gekoppeld"),
    "mfa_code": _("Tweede stap met code uit de app"),
    "mfa_herstelcode": _("Tweede stap met een herstelcode"),
    "mfa_herstelcodes_vernieuwd": _("Nieuwe herstelcodes gemaakt"),
    "wachtwoord_gewijzigd": _("Eigen wachtwoord gekozen"),
    "wachtwoord_gereset": _("Eenmalig wachtwoord gemaakt door beheerder"),
    "gebruiker_aangemaakt": _("Gebruiker aangemaakt"),
    "mfa_gereset": _("Tweede stap gewist door beheerder (telefoon kwijt)"),
    "feestdag_toegevoegd": _("Extra feestdag toegevoegd"),
    "feestdag_verwijderd": _("Extra feestdag verwijderd"),
    "teamtoewijzing_gewijzigd": _("Teamtoewijzing van nieuwe aanmeldingen gewijzigd"),
    "postcodegebied_toegevoegd": _("Postcodegebied voor teamtoewijzing toegevoegd"),
    "postcodegebied_verwijderd": _("Postcodegebied voor teamtoewijzing verwijderd"),
    "gebruiker_gewijzigd": _("Rollen of teams van gebruiker gewijzigd"),
    "werkvoorraad_bekijken": _("Werkvoorraad bekeken"),
    "bsn_tonen": _("Volledig BSN getoond"),
    "directe_aanmelding_registreren": _("Directe aanmelding geregistreerd"),
    "verificatie_formulier_bekijken": _("Formulier verificatie geopend"),
    "verificatie_vastleggen": _("Verificatie vastgelegd"),
    "kindverificatie_vragen": _("Vraagbestand kindverificatie gemaakt"),
    "kindverificatie_importeren": _("Antwoordbestand kindverificatie ingelezen"),
    "eerste_gesprek_formulier_bekijken": _("Formulier eerste gesprek geopend"),
    "eerste_gesprek_vastleggen": _("Eerste gesprek vastgelegd"),
    "termijn_formulier_bekijken": _("Formulier termijn geopend"),
    "verwachte_datum_meedelen": _("Nieuwe datum meegedeeld"),
    "termijn_opschorten": _("Termijn opgeschort"),
    "opschorting_beeindigen": _("Opschorting beëindigd"),
    "instellingen_wijzigen": _("Instellingen gewijzigd"),
    "bewaarregel_wijzigen": _("Bewaartermijn gewijzigd"),
    "persoonsgegevens_opgeschoond": _("Persoonsgegevens vernietigd (bewaartermijn voorbij)"),
    "importvoorbeeld_bekijken": _("Voorgestelde wijzigingen van contactgegevens in een voorbeeld bekeken"),
    "afwijzingsrapport_downloaden": _("Rapport met afgewezen regels van een ingelezen bestand gedownload"),
    "portaalbestand_geweigerd": _("Bestand geweigerd voor het gekozen doel (bijv. schuldenlijst)"),
    "kolomkoppeling_opgeslagen": _("Kolomkoppeling voor ingelezen bestanden bewaard"),
    "kolomkoppeling_verwijderd": _("Kolomkoppeling voor ingelezen bestanden verwijderd"),
    "meldingen_bekijken": _("Meldingen bekeken"),
    "statusupdate_importeren": _("Statusupdate van UHT ingelezen"),
    "plan_bekijken": _("Plan van aanpak bekeken"),
    "einde_ondersteuning_bekijken": _("Einde van de ondersteuning bekeken (beëindiging, warme overdrachten, nazorg)"),
    "plan_toets_bekijken": _("Toets van het plan van aanpak bekeken"),
    "plan_formulier_bekijken": _("Formulier plan van aanpak geopend"),
    "plan_wijzigen": _("Plan van aanpak gewijzigd"),
    "plan_uitgeven": _("Plan van aanpak uitgegeven (beschikking)"),
    "goedkeuring_bekijken": _("Goedkeuringsverzoek bij een voorziening bekeken"),
    "goedkeuring_beoordelen": _("Voorziening goedgekeurd of teruggestuurd"),
    "goedkeuringen_bekijken": _("Goedkeuringen bekeken"),
    "beschikking_bekijken": _("Beschikking bekeken"),
    "beschikking_pdf_downloaden": _("Beschikking geopend als PDF"),
    "beschikking_docx_downloaden": _("Beschikking gedownload als Word-bestand"),
    "beschikking_formulier_bekijken": _("Formulier bij een beschikking geopend"),
    "beschikking_verzending_vastleggen": _("Verzending van een beschikking vastgelegd"),
    "mondeling_akkoord_vastleggen": _("Mondeling akkoord met een beschikking vastgelegd"),
    "bezwaar_formulier_bekijken": _("Formulier bezwaar geopend"),
    "bezwaar_registreren": _("Bezwaar geregistreerd"),
    "beslistermijn_bezwaar_verdagen": _("Beslissing op bezwaar uitgesteld"),
    "bezwaar_afhandelen": _("Beslissing op bezwaar vastgelegd"),
    "briefsjabloon_geupload": _("Briefsjabloon voor beschikkingen geüpload"),
    "briefsjabloon_geweigerd": _("Briefsjabloon voor beschikkingen geweigerd (werkt niet)"),
    "briefsjabloon_geactiveerd": _("Ander briefsjabloon voor beschikkingen in gebruik genomen"),
    "aanbieder_toegevoegd": _("Aanbieder toegevoegd aan de sociale kaart"),
    "aanbieder_gewijzigd": _("Aanbieder op de sociale kaart gewijzigd"),
    "product_toegevoegd": _("Product toegevoegd aan de sociale kaart"),
    "product_gewijzigd": _("Product op de sociale kaart gewijzigd"),
    "sociale_kaart_ingelezen": _("Sociale kaart ingelezen uit een bestand"),
}


def operatie_naam(code: str) -> str:
    naam = OPERATIE_NAMEN.get(code)
    return str(naam) if naam else code.replace("_", " ").capitalize()


def _nieuwste_eerst(qs: QuerySet) -> QuerySet:
    return qs.order_by("-tijdstip", "-id")  # id: unique across the parts of the chain


def gebeurtenissen_voor_dossier(dossiernummer: str) -> QuerySet[Beveiligingsgebeurtenis]:
    """Who viewed or changed this dossier, when, why and with what result."""
    return _nieuwste_eerst(
        Beveiligingsgebeurtenis.objects.filter(object_type="dossier", object_id=dossiernummer.strip().upper())
    )


def doorbrekingen() -> QuerySet[Beveiligingsgebeurtenis]:
    """All break-the-glass accesses, newest first."""
    return _nieuwste_eerst(Beveiligingsgebeurtenis.objects.filter(actie=DOORBREKEN))


def verwerkingen_voor_betrokkene(bsn: str) -> QuerySet[Verwerking]:
    """Every processing line about one person, with the actor from the linked audit row."""
    audit = Beveiligingsgebeurtenis.objects.filter(operation_id=OuterRef("operation_id")).order_by("volgnummer")
    return (
        Verwerking.objects.filter(betrokkene_hash__in=betrokkene_hashes(bsn))
        .select_related("activiteit")
        .annotate(
            actor_naam=Subquery(audit.values("actor_naam")[:1]),
            reden=Subquery(audit.values("reden")[:1]),
        )
        .order_by("-gestart_op", "-id")
    )


def activiteiten_per_code() -> list[tuple[str, list[Verwerkingsactiviteit]]]:
    """The register: per code all versions, newest version first."""
    per_code: dict[str, list[Verwerkingsactiviteit]] = {}
    for activiteit in Verwerkingsactiviteit.objects.select_related("aangemaakt_door").order_by("code", "-versie"):
        per_code.setdefault(activiteit.code, []).append(activiteit)
    return list(per_code.items())


def laatste_versie(code: str) -> Verwerkingsactiviteit | None:
    return Verwerkingsactiviteit.objects.filter(code=code).order_by("-versie").first()
