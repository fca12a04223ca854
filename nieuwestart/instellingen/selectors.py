"""Read the municipality's settings (one row, created with defaults on first use)."""

from .models import GemeenteInstellingen


def gemeente_instellingen() -> GemeenteInstellingen:
    instellingen, _ = GemeenteInstellingen.objects.get_or_create(singleton=True)
    return instellingen
