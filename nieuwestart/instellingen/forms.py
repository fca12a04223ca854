from nieuwestart.common.forms import NlDesignModelForm

from .models import GemeenteInstellingen
from .services import WIJZIGBARE_VELDEN


class GemeenteInstellingenForm(NlDesignModelForm):
    class Meta:
        model = GemeenteInstellingen
        fields = WIJZIGBARE_VELDEN
