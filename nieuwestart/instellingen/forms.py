from nieuwestart.common.forms import NlDesignModelForm
from nieuwestart.termijnen.models import ExtraFeestdag

from .models import GemeenteInstellingen
from .services import WIJZIGBARE_VELDEN


class GemeenteInstellingenForm(NlDesignModelForm):
    class Meta:
        model = GemeenteInstellingen
        fields = WIJZIGBARE_VELDEN


class ExtraFeestdagForm(NlDesignModelForm):
    # Own prefix: the settings form on the same page has no field ids in common with this one.
    prefix = "feestdag"

    class Meta:
        model = ExtraFeestdag
        fields = ("datum", "naam", "grondslag")
