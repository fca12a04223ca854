"""What every Gegevensportaal command does the same way: preview, then commit, then the counts.

    manage.py <commando> PAD [...] [--dry-run] [--gebruiker NAAM] [--voortgang]

A subclass names its import (``voorbeeld`` / ``uitvoeren``, the keyword arguments both share)
and how its counts read. The preview always runs first and is printed; ``--dry-run`` stops
there. Output shows where and why (row number, column, reason), never a BSN, name or contact
detail. A progress bar goes to stderr on a terminal, or anywhere with ``--voortgang``.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nieuwestart.aanmeldingen.management.voortgang import Voortgangsbalk, schat_aantal_regels
from nieuwestart.aanmeldingen.portaal.lezen import BestandFout
from nieuwestart.aanmeldingen.portaal.valideren import DoelFout
from nieuwestart.logboek.services import openstaande_regels_vastleggen


class PortaalCommando(BaseCommand):
    # --- what a subclass fills in ---------------------------------------------------

    def extra_argumenten(self, parser) -> None:
        """Arguments of this import besides PAD, --dry-run, --gebruiker and --voortgang."""

    def gedeelde_argumenten(self, opties: dict) -> dict:
        """Keyword arguments for both ``voorbeeld`` and ``uitvoeren`` (e.g. doel, team)."""
        return {}

    def voorbeeld(self, **kwargs):
        raise NotImplementedError

    def uitvoeren(self, **kwargs):
        raise NotImplementedError

    def tellingen(self, x) -> str:
        """The counts of a preview or a result, e.g. '2 nieuw, 1 afgewezen'."""
        raise NotImplementedError

    def toelichting(self, vb) -> Iterable[str]:
        """Extra lines after the preview counts (before the rejected rows)."""
        return ()

    def resultaat(self, resultaat) -> str:
        return f"Ingelezen: {self.tellingen(resultaat)}."

    # --- the shared flow ------------------------------------------------------------

    def add_arguments(self, parser):
        parser.add_argument("pad")
        self.extra_argumenten(parser)
        parser.add_argument("--dry-run", action="store_true", help="Alleen het voorbeeld tonen; niets opslaan.")
        parser.add_argument("--gebruiker", help="Gebruikersnaam die de import uitvoert (nodig zonder --dry-run).")
        parser.add_argument(
            "--voortgang", action="store_true", help="Toon de voortgang (op stderr), ook als dat geen terminal is."
        )

    def handle(self, *args, pad, dry_run, gebruiker, voortgang, **opties):
        bestand = Path(pad)
        if not bestand.is_file():
            raise CommandError(f"Bestand niet gevonden: {pad}")
        gedeeld = self.gedeelde_argumenten(opties)
        door = None
        if gebruiker:
            door = get_user_model().objects.filter(username=gebruiker).first()
            if door is None:
                raise CommandError(f"Onbekende gebruiker: {gebruiker}")
        if not dry_run and door is None:
            raise CommandError("Geef met --gebruiker aan wie de import uitvoert (of gebruik --dry-run).")
        inhoud = bestand.read_bytes()
        gedeeld.update(inhoud=inhoud, bestandsnaam=bestand.name, vandaag=timezone.localdate())
        terminal = self.stderr.isatty()
        toon_voortgang = voortgang or terminal
        totaal = schat_aantal_regels(inhoud) if toon_voortgang else None

        def balk(kop: str):
            if not toon_voortgang:
                return nullcontext()  # voortgang=None
            return Voortgangsbalk(self._naar_stderr, kop=kop, totaal=totaal, terminal=terminal)

        try:
            with balk("Voorbeeld") as b:
                vb = self.voorbeeld(**gedeeld, voortgang=b)
            self._toon_voorbeeld(vb)
            if not vb.kan_importeren:
                raise CommandError("Het bestand kan niet worden ingelezen: " + " ".join(vb.kolomfouten))
            if dry_run:
                self.stdout.write("Proefrun (--dry-run): er is niets opgeslagen.")
                return
            try:
                with balk("Inlezen") as b:
                    resultaat = self.uitvoeren(**gedeeld, door=door, voortgang=b)
            finally:
                openstaande_regels_vastleggen()
        except (DoelFout, BestandFout) as fout:
            raise CommandError(fout.melding) from fout
        if vb.al_geimporteerd or getattr(resultaat, "al_geimporteerd", False):
            self.stdout.write("Dit bestand was al ingelezen; er is niets veranderd.")
            return
        self.stdout.write(self.style.SUCCESS(self.resultaat(resultaat)))

    def _toon_voorbeeld(self, vb) -> None:
        for melding in vb.waarschuwingen:
            self.stdout.write(f"Let op: {melding}")
        for melding in vb.kolomfouten:
            self.stdout.write(f"Fout: {melding}")
        self.stdout.write(f"Voorbeeld: {self.tellingen(vb)}.")
        for regel in self.toelichting(vb):
            self.stdout.write(regel)
        # Only where and why: never the value (it may be a BSN or a name).
        for afwijzing in vb.afwijzingen:
            self.stdout.write(f"Regel {afwijzing.regelnummer}, kolom '{afwijzing.kolom}': {afwijzing.reden}")

    def _naar_stderr(self, tekst: str) -> None:
        # Unstyled and without the automatic line ending: the bar redraws one line.
        self.stderr.write(tekst, style_func=lambda s: s, ending="")
        self.stderr.flush()
