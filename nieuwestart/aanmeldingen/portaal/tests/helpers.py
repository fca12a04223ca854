"""Hand-made portal files for the tests (synthetic BSNs only)."""

import io
import random

from nieuwestart.common.bsn import genereer_bsn

CONTACT_KOP = ["BSN", "Voornamen", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Doelgroep",
               "Postcode", "Telefoonnummer", "E-mail"]


def bsns(n, seed=4):
    rng = random.Random(seed)
    gezien, uit = set(), []
    while len(uit) < n:
        b = genereer_bsn(rng)
        if b not in gezien:
            gezien.add(b)
            uit.append(b)
    return uit


def contact_rij(bsn, achternaam="Jansen", datum="01-02-1990", doelgroep="aangemelde aanvrager",
                postcode="1234 AB", telefoon="0612345678", email="a@example.nl"):
    return [bsn, "Jan", "", achternaam, datum, doelgroep, postcode, telefoon, email]


def csv_bytes(rijen, scheiding=";", codering="utf-8", bom=False, eol="\r\n"):
    def veld(w):
        w = str(w)
        if scheiding in w or '"' in w or "\n" in w:
            return '"' + w.replace('"', '""') + '"'
        return w

    tekst = eol.join(scheiding.join(veld(w) for w in r) for r in rijen) + eol
    data = tekst.encode(codering)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rijen):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rijen:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
