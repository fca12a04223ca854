"""Forms rendered the NL Design System way (Utrecht component classes), accessibly.

Every form in the app uses ``NlDesignForm`` so field markup, error messages next to the
field, aria attributes and the error summary are the same everywhere.
"""

from django import forms
from django.forms.renderers import TemplatesSetting

from nieuwestart.beleid.regels import RegelOvertreding

WIDGET_KLASSEN = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}
INPUT_KLASSE = "utrecht-textbox utrecht-textbox--html-input"


class NlDesignFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NlDesignMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            klasse = next((k for t, k in WIDGET_KLASSEN.items() if isinstance(widget, t)), INPUT_KLASSE)
            if klasse:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {klasse}".strip()
            if isinstance(widget, forms.DateInput) and not isinstance(widget, DatumInput):
                field.widget = DatumInput(attrs=widget.attrs)

    def full_clean(self):
        super().full_clean()
        for naam in self.errors:
            if naam not in self.fields:
                continue
            widget = self.fields[naam].widget
            widget.attrs["aria-invalid"] = "true"
            auto_id = self[naam].auto_id
            beschreven = [f"{auto_id}_error"]
            if self.fields[naam].help_text:
                beschreven.append(f"{auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(beschreven)
            if "utrecht-textbox" in widget.attrs.get("class", ""):
                widget.attrs["class"] += " utrecht-textbox--invalid"

    def voeg_regelovertreding_toe(self, fout: RegelOvertreding) -> None:
        """Show a refused policy rule next to the field it concerns (or above the form)."""
        veld = fout.veld if fout.veld in self.fields else None
        self.add_error(veld, fout.bericht)
        if veld:
            self.full_clean_aria(veld)

    def full_clean_aria(self, naam: str) -> None:
        widget = self.fields[naam].widget
        widget.attrs["aria-invalid"] = "true"
        widget.attrs["aria-describedby"] = f"{self[naam].auto_id}_error"


class NlDesignForm(NlDesignMixin, forms.Form):
    pass


class NlDesignModelForm(NlDesignMixin, forms.ModelForm):
    pass
