"""Demo only (DEBUG=True): give a user a known authenticator key and print its code.

    manage.py demo_mfa consulent          # link the demo key, print the otpauth:// URI and the code
    manage.py demo_mfa consulent --code   # print only the current 6-digit code

The key follows from the username and a fixed, public salt, so it is never a real secret:
the command refuses to run unless settings.DEBUG is True.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from nieuwestart.accounts import mfa


class Command(BaseCommand):
    help = "Demo: koppel een vaste authenticator-sleutel aan een gebruiker en toon de huidige code (alleen met DEBUG)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--code", action="store_true", help="Toon alleen de huidige code van 6 cijfers.")

    def handle(self, *args, username, code, **options):
        if not settings.DEBUG:
            raise CommandError("demo_mfa werkt alleen met DEBUG=True: de sleutel is niet geheim.")
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Gebruiker {username!r} bestaat niet.") from None
        sleutel = mfa.demo_sleutel(username)
        if code:
            device = TOTPDevice.objects.filter(user=user, confirmed=True, key=sleutel).first()
            if device is None:
                raise CommandError(f"{username} heeft de demosleutel nog niet: voer eerst `demo_mfa {username}` uit.")
            self.stdout.write(mfa.huidige_code(device, volgende_vrije=True))
            return
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).exclude(key=sleutel).delete()
            device, _ = TOTPDevice.objects.update_or_create(
                user=user, key=sleutel, defaults={"name": mfa.APP_NAAM, "confirmed": True},
            )
        self.stdout.write(f"Gebruiker: {username}")
        self.stdout.write(f"otpauth-URI (voor een authenticator-app): {device.config_url}")
        self.stdout.write(f"Code op dit moment: {mfa.huidige_code(device, volgende_vrije=True)}")
        self.stdout.write(f"Nieuwe code opvragen: manage.py demo_mfa {username} --code")
