from nieuwestart.common.forms import NlDesignModelForm

from .models import Bewaarregel


class BewaarregelForm(NlDesignModelForm):
    class Meta:
        model = Bewaarregel
        fields = ["termijn_maanden", "bron", "toelichting"]
