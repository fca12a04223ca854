"""The shipped default Spuk components and SiSa indicators (reference data).

The functioneel beheerder checks them against the official SiSa list of the year (docs/financien.md);
they are sensible defaults, not the law. Loaded by migration 0002 and again when no component for
provisions is left (``services.component_voor``), so issuing a plan never fails on missing reference data.
"""

COMPONENTEN = [
    ("A", "Brede ondersteuning: voorzieningen", "Materiële en immateriële voorzieningen uit plannen van aanpak.", "VOORZIENINGEN", 10),
    ("B", "Uitvoeringskosten", "Personeel, inhuur en overhead van de brede ondersteuning.", "ORGANISATIE", 20),
    ("C", "Schuldenaanpak kinderen", "Schuldhulp voor kinderen uit de kindregeling (18+), tot een jaar na de uitbetaling.", "SCHULDEN_KINDEREN", 30),
    ("E", "Collectieve initiatieven", "Ouderinitiatieven: lotgenotenbijeenkomsten en activiteiten (component E van Spuk B2).", "COLLECTIEF", 50),
]
INDICATOREN = [
    ("B2-A-KOSTEN", "Besteding voorzieningen (component A)", "KOSTEN_COMPONENT", "A", "", 10),
    ("B2-A-VERPL", "Aangegane verplichtingen voorzieningen (component A)", "VERPLICHTINGEN_COMPONENT", "A", "", 11),
    ("B2-B-KOSTEN", "Besteding uitvoeringskosten (component B)", "KOSTEN_COMPONENT", "B", "", 20),
    ("B2-C-KOSTEN", "Besteding schuldenaanpak kinderen (component C)", "KOSTEN_COMPONENT", "C", "", 30),
    ("B2-E-KOSTEN", "Besteding collectieve initiatieven (component E)", "KOSTEN_COMPONENT", "E", "", 50),
    ("B2-E-AANTAL", "Aantal collectieve initiatieven", "AANTAL_COLLECTIEVE_INITIATIEVEN", None, "", 51),
    ("B2-PLANNEN", "Aantal vastgestelde (eerste) plannen van aanpak", "AANTAL_PLANNEN", None, "", 60),
    ("B2-ADDENDA", "Aantal addenda op plannen van aanpak", "AANTAL_ADDENDA", None, "", 61),
    ("B2-RH", "Aantal ondersteunde rechthebbenden", "AANTAL_RECHTHEBBENDEN", None, "", 70),
    ("B2-RH-AANVR", "Ondersteunde aangemelde aanvragers zonder eindbeoordeling", "AANTAL_RECHTHEBBENDEN_DOELGROEP", None, "AANGEMELDE_AANVRAGER", 71),
    ("B2-RH-OUDER", "Ondersteunde erkend gedupeerde ouders", "AANTAL_RECHTHEBBENDEN_DOELGROEP", None, "ERKENDE_OUDER", 72),
    ("B2-RH-EXP", "Ondersteunde erkend gedupeerde ex-toeslagpartners", "AANTAL_RECHTHEBBENDEN_DOELGROEP", None, "ERKENDE_EX_PARTNER", 73),
    ("B2-RH-KIND", "Ondersteunde kinderen uit de kindregeling", "AANTAL_RECHTHEBBENDEN_DOELGROEP", None, "KIND_KINDREGELING", 74),
    ("B2-RH-NAB", "Ondersteunde erkende nabestaanden", "AANTAL_RECHTHEBBENDEN_DOELGROEP", None, "NABESTAANDE", 75),
]


def standaard_laden(SpukComponent, SisaIndicator) -> None:
    """Create the defaults that are missing (idempotent); takes the model classes, so a migration can call it."""
    per_code = {}
    for code, naam, omschrijving, soort, volgorde in COMPONENTEN:
        per_code[code], _ = SpukComponent.objects.get_or_create(
            code=code, defaults={"naam": naam, "omschrijving": omschrijving, "soort": soort, "volgorde": volgorde}
        )
    for code, omschrijving, maatstaf, component, doelgroep, volgorde in INDICATOREN:
        SisaIndicator.objects.get_or_create(code=code, defaults={
            "omschrijving": omschrijving, "maatstaf": maatstaf, "component": per_code.get(component),
            "doelgroep": doelgroep, "volgorde": volgorde,
        })
