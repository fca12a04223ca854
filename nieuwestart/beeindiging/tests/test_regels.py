"""The contact-attempt rule over its range (Hypothesis) and the local settings the functioneel beheerder sets."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from nieuwestart.beeindiging.services import REACTIETERMIJN, tekort_aan_contactpogingen

KANALEN = ("TELEFOON", "EMAIL", "POST", "BEZOEK")
BEGIN = date(2026, 1, 1)

pogingen_st = st.lists(
    st.tuples(st.integers(0, 200), st.sampled_from(KANALEN), st.sampled_from(("GEEN_REACTIE", "BEREIKT"))), max_size=8
)


def _pogingen(rijen):
    return [SimpleNamespace(pk=i + 1, datum=BEGIN + timedelta(days=d), kanaal=k, uitkomst=u) for i, (d, k, u) in enumerate(rijen)]


@given(rijen=pogingen_st, minimaal=st.integers(2, 10), einde=st.integers(0, 260))
def test_enough_attempts_means_exactly_the_policy_rule(rijen, minimaal, einde):
    pogingen = _pogingen(rijen)
    einddatum = BEGIN + timedelta(days=einde)
    tekort = tekort_aan_contactpogingen(pogingen, minimaal=minimaal, einddatum=einddatum)
    # The attempts that count: after the last real contact, up to the end date.
    volgorde = sorted(pogingen, key=lambda p: (p.datum, p.pk))
    contact = [i for i, p in enumerate(volgorde) if p.uitkomst == "BEREIKT"]
    tellen = [p for p in volgorde[(contact[-1] + 1 if contact else 0):] if p.datum <= einddatum]
    voldoet = (
        len(tellen) >= minimaal
        and len({p.kanaal for p in tellen}) >= 2
        and any(p.kanaal in ("EMAIL", "POST") for p in tellen)
        and einddatum >= tellen[-1].datum + REACTIETERMIJN
    ) if tellen else False
    assert (tekort == []) == voldoet


@pytest.mark.django_db
def test_the_functioneel_beheerder_sets_the_aftercare_terms_and_attempts(client, beheerder):
    from nieuwestart.instellingen.selectors import gemeente_instellingen

    client.force_login(beheerder)
    basis = {"gemeentenaam": "Gemeente Dronten", "gemeentecode": "0303", "eerste_gesprek_weken": "8",
             "bezwaartermijn_weken": "6"}
    pagina = client.get(reverse("instellingen:bewerken")).content.decode()
    assert "eerste nazorgcontrole (weken na de overdracht)" in pagina.lower()
    html = client.post(reverse("instellingen:bewerken"), basis | {"nazorg_eerste_weken": "0", "contactpogingen_minimaal": "1"}).content.decode()
    assert "Kies minstens 1 week." in html and "Kies minstens 2 pogingen." in html
    antwoord = client.post(reverse("instellingen:bewerken"),
                           basis | {"nazorg_eerste_weken": "6", "nazorg_tweede_maanden": "4", "contactpogingen_minimaal": "4"})
    assert antwoord.status_code == 302
    i = gemeente_instellingen()
    assert (i.nazorg_eerste_weken, i.nazorg_tweede_maanden, i.contactpogingen_minimaal) == (6, 4, 4)
