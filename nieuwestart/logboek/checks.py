"""Deploy check: production sets its own key for the BSN hash in the processing log."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def logboek_sleutel(app_configs, **kwargs):
    if getattr(settings, "NS_LOGBOEK_SLEUTEL", ""):
        return []
    return [
        Warning(
            "NS_LOGBOEK_SLEUTEL is niet gezet: de hash van het BSN in het logboek dataverwerkingen gebruikt nu een "
            "sleutel die van SECRET_KEY is afgeleid. Verandert SECRET_KEY, dan zijn oudere regels niet meer op BSN "
            "te vinden.",
            hint="Zet NS_LOGBOEK_SLEUTEL (minstens 32 willekeurige tekens) uit een geheimenkluis; zie docs/logboeken.md.",
            id="logboek.W001",
        )
    ]
