"""Background tasks of the portal import screens (Django's tasks framework).

In production and with ``make run`` they are queued in the database (django-tasks-db) and run
by ``manage.py db_worker``; the tests run them at once. The work itself is in ``opdrachten``.
"""

from django.tasks import task


@task
def importvoorbeeld_maken(opdracht_id: str) -> None:
    from nieuwestart.aanmeldingen import opdrachten

    opdrachten.voorbeeld_maken(opdracht_id)


@task
def importopdracht_inlezen(opdracht_id: str) -> None:
    from nieuwestart.aanmeldingen import opdrachten

    opdrachten.inlezen(opdracht_id)
