"""The background task that publishes a dossier (Django's tasks framework, django-tasks-db)."""

from django.tasks import task


@task
def zaak_publiceren(dossier_id: int) -> None:
    from . import publiceren

    uitkomst = publiceren.publiceren(dossier_id)
    if uitkomst is not None and uitkomst.opnieuw_op is not None:
        publiceren.inplannen(dossier_id, op=uitkomst.opnieuw_op)
