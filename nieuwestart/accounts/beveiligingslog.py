"""Authentication events in the security log (BIO 8.15): who tried to log in, from where, with what result.

Never the password or a code: only the username typed and the outcome.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from nieuwestart.logboek.services import beveiligingsgebeurtenis_vastleggen


@receiver(user_logged_in, dispatch_uid="beveiligingslog_inloggen")
def ingelogd(sender, request, user, **kwargs):
    beveiligingsgebeurtenis_vastleggen(request, actie="inloggen_wachtwoord", resultaat="GELUKT", actor=user,
                                       object_type="gebruiker", object_id=user.username)


@receiver(user_login_failed, dispatch_uid="beveiligingslog_inloggen_mislukt")
def inloggen_mislukt(sender, credentials, request=None, **kwargs):
    naam = str((credentials or {}).get("username", ""))[:150]
    beveiligingsgebeurtenis_vastleggen(request, actie="inloggen_wachtwoord", resultaat="GEWEIGERD",
                                       object_type="gebruiker", object_id=naam, actor_naam=naam)


@receiver(user_logged_out, dispatch_uid="beveiligingslog_uitloggen")
def uitgelogd(sender, request, user, **kwargs):
    if user is not None:
        beveiligingsgebeurtenis_vastleggen(request, actie="uitloggen", resultaat="GELUKT", actor=user,
                                           object_type="gebruiker", object_id=user.username)


def vergrendeld(request, username: str) -> None:
    beveiligingsgebeurtenis_vastleggen(request, actie="account_vergrendeld", resultaat="GEWEIGERD",
                                       object_type="gebruiker", object_id=username[:150], actor_naam=username[:150])


def mfa_gebeurtenis(request, *, actie: str, gelukt: bool) -> None:
    beveiligingsgebeurtenis_vastleggen(request, actie=actie, resultaat="GELUKT" if gelukt else "GEWEIGERD",
                                       actor=request.user, object_type="gebruiker", object_id=request.user.username)
