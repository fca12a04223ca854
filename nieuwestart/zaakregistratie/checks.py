"""``manage.py check`` reports a half-configured zaakregistratie link at start-up, not at the first dossier."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.compatibility)
def configuratie_controleren(app_configs=None, **kwargs):
    from .config import instelling

    try:
        inst = instelling()
    except ImproperlyConfigured as fout:
        return [checks.Error(str(fout), id="zaakregistratie.E001")]
    if inst is not None and inst.afsluiten_bij not in inst.statustypen:
        return [checks.Warning(
            f"NS_ZGW_STATUSTYPEN heeft geen statustype voor '{inst.afsluiten_bij}' (NS_ZGW_AFSLUITEN_BIJ): "
            "zaken worden niet afgesloten.", id="zaakregistratie.W001",
        )]
    return []
