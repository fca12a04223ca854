"""Users, their teams and their roles.

Roles are Django groups named after ``Rol`` codes, so a user can hold several and
the functioneel beheerder manages them without code. Dossier access follows the
team (see ``nieuwestart.dossiers.permissions``).
"""

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    CONSULENT = "consulent", _("Consulent (brede ondersteuner)")
    TEAMLEIDER = "teamleider", _("Teamleider")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")
    AUDITOR = "auditor", _("Auditor / FG")


class Team(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.naam


class User(AbstractUser):
    teams = models.ManyToManyField(Team, blank=True, related_name="leden", verbose_name=_("teams"))
    # Set when the functioneel beheerder created the account with a one-time password.
    moet_wachtwoord_wijzigen = models.BooleanField(_("moet wachtwoord wijzigen"), default=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def rollen(self) -> frozenset[str]:
        # Cached per instance: a request asks this several times (menu, permissions).
        if not hasattr(self, "_rollen"):
            self._rollen = frozenset(self.groups.values_list("name", flat=True))
        return self._rollen

    def rollen_en_teams_laden(self) -> None:
        """Read the roles and team ids in one query and keep them on this instance (the API's hot path:
        every request needs both; ``rollen`` and ``dossiers.permissions`` use what is kept here)."""
        from django.db import connection

        groepen, teams = User.groups.through, User.teams.through
        q = connection.ops.quote_name
        sql = (
            f"SELECT 'r', g.{q('name')} FROM {q(Group._meta.db_table)} g "
            f"JOIN {q(groepen._meta.db_table)} ug ON ug.{q(groepen._meta.get_field('group').column)} = g.{q('id')} "
            f"WHERE ug.{q(groepen._meta.get_field('user').column)} = %s "
            f"UNION ALL SELECT 't', CAST(ut.{q(teams._meta.get_field('team').column)} AS VARCHAR(20)) "
            f"FROM {q(teams._meta.db_table)} ut WHERE ut.{q(teams._meta.get_field('user').column)} = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.pk, self.pk])
            rijen = cursor.fetchall()
        self._rollen = frozenset(waarde for soort, waarde in rijen if soort == "r")
        self._team_ids = {int(waarde) for soort, waarde in rijen if soort == "t"}

    def heeft_rol(self, rol: Rol) -> bool:
        return self.is_active and rol.value in self.rollen
