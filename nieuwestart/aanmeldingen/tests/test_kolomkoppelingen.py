"""Saved column mappings: one per installation and kind of file, managed by the functioneel beheerder."""

import pytest
from django.urls import reverse

from nieuwestart.aanmeldingen.kolomkoppelingen import (
    KoppelingFout,
    koppeling_opslaan,
    koppeling_verwijderen,
    opgeslagen_mapping,
)
from nieuwestart.aanmeldingen.models import Kolomkoppeling
from nieuwestart.aanmeldingen.portaal.formaten import CONTACTLIJST, koppel_kolommen
from nieuwestart.logboek.models import Beveiligingsgebeurtenis

pytestmark = pytest.mark.django_db


def test_a_saved_mapping_is_normalised_and_per_kind_of_file(consulent):
    koppeling_opslaan(doel="CONTACTLIJST", kop="  Achternaam_Ouder ", kolom="achternaam", door=consulent)
    koppeling_opslaan(doel="STATUSUPDATE", kop="Uitslag", kolom="status", door=consulent)
    assert opgeslagen_mapping("CONTACTLIJST") == {"achternaam ouder": "achternaam"}
    assert opgeslagen_mapping("STATUSUPDATE") == {"uitslag": "status"}
    assert opgeslagen_mapping("KINDVERIFICATIE_ANTWOORD") == {}
    k = Kolomkoppeling.objects.get(doel="CONTACTLIJST")
    assert k.kop_origineel == "Achternaam_Ouder" and k.door == consulent


def test_saving_the_same_header_again_changes_the_mapping(consulent, beheerder):
    koppeling_opslaan(doel="CONTACTLIJST", kop="Naam ouder", kolom="achternaam", door=consulent)
    koppeling_opslaan(doel="CONTACTLIJST", kop="naam-ouder", kolom="voornamen", door=beheerder)
    assert opgeslagen_mapping("CONTACTLIJST") == {"naam ouder": "voornamen"}
    assert Kolomkoppeling.objects.get().door == beheerder


def test_the_saved_mapping_makes_the_format_recognise_the_header(consulent):
    koppen = ("bsn", "voornamen", "naam ouder", "geboortedatum", "doelgroep")
    assert koppel_kolommen(koppen, CONTACTLIJST).ontbrekend == ("achternaam",)
    koppeling_opslaan(doel="CONTACTLIJST", kop="Naam ouder", kolom="achternaam", door=consulent)
    koppeling = koppel_kolommen(koppen, CONTACTLIJST, opgeslagen_mapping("CONTACTLIJST"))
    assert koppeling.ontbrekend == () and koppeling.kolommen["achternaam"] == "naam ouder"


@pytest.mark.parametrize(
    "doel,kop,kolom,melding",
    [
        ("CONTACTLIJST", "Naam", "schuld", "geen kolom van een contactlijst"),
        ("CONTACTLIJST", " - ", "achternaam", "zonder naam"),
        ("SCHULDENLIJST", "Naam", "achternaam", "Onbekend soort bestand"),
        ("STATUSUPDATE", "Naam", "telefoonnummer", "geen kolom van een statusupdate"),
    ],
)
def test_an_invalid_mapping_is_refused(consulent, doel, kop, kolom, melding):
    with pytest.raises(KoppelingFout) as fout:
        koppeling_opslaan(doel=doel, kop=kop, kolom=kolom, door=consulent)
    assert melding in fout.value.melding
    assert not Kolomkoppeling.objects.exists()


def test_deleting_a_mapping(consulent):
    k = koppeling_opslaan(doel="CONTACTLIJST", kop="Naam ouder", kolom="achternaam", door=consulent)
    assert koppeling_verwijderen(pk=k.pk).kop == "naam ouder"
    assert koppeling_verwijderen(pk=k.pk) is None
    assert opgeslagen_mapping("CONTACTLIJST") == {}


def test_the_beheerder_sees_and_deletes_mappings(client, beheerder, consulent):
    k = koppeling_opslaan(doel="CONTACTLIJST", kop="Naam ouder", kolom="achternaam", door=consulent)
    client.force_login(beheerder)
    pagina = client.get(reverse("aanmeldingen:kolomkoppelingen")).content.decode()
    assert "Naam ouder" in pagina and "achternaam" in pagina and "Contactlijst brede ondersteuning" in pagina
    antwoord = client.post(reverse("aanmeldingen:kolomkoppeling_verwijderen", args=[k.pk]))
    assert antwoord.status_code == 302
    assert not Kolomkoppeling.objects.exists()
    assert Beveiligingsgebeurtenis.objects.filter(actie="kolomkoppeling_verwijderd", actor_id=beheerder.pk).exists()


def test_a_consulent_cannot_manage_mappings(client, consulent):
    k = koppeling_opslaan(doel="CONTACTLIJST", kop="Naam ouder", kolom="achternaam", door=consulent)
    client.force_login(consulent)
    assert client.get(reverse("aanmeldingen:kolomkoppelingen")).status_code == 403
    assert client.post(reverse("aanmeldingen:kolomkoppeling_verwijderen", args=[k.pk])).status_code == 403
    assert Kolomkoppeling.objects.exists()
