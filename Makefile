# Nieuwe Start: the two commands a newcomer needs are `make run` and `make test`.
.PHONY: run test install seed bench bench-rapportages code

DEMO_GEBRUIKERS = consulent consulent2 teamleider beheerder auditor beleid

run: install            ## installs, migrates, seeds demo data and serves on http://127.0.0.1:8000 (with the task worker)
	mkdir -p var
	.venv/bin/python manage.py migrate --noinput
	.venv/bin/python manage.py seed_demo
	@for u in $(DEMO_GEBRUIKERS); do .venv/bin/python manage.py demo_mfa $$u >/dev/null; done
	@echo ""
	@echo "Inloggen gaat in twee stappen (MFA). De code voor de tweede stap:"
	@echo "  make code GEBRUIKER=consulent     (of koppel 'manage.py demo_mfa consulent' in een authenticator-app)"
	@echo ""
	@# The background worker (portal imports) runs next to the web server and stops with it.
	.venv/bin/python manage.py db_worker & WERKER=$$!; \
	trap 'kill $$WERKER 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	.venv/bin/python manage.py runserver 127.0.0.1:8000

code:                   ## the demo user's current MFA code: make code GEBRUIKER=consulent
	@.venv/bin/python manage.py demo_mfa $(or $(GEBRUIKER),consulent) --code

test:                   ## the whole suite on SQLite and on PostgreSQL (installs what it needs)
	scripts/test.sh

install:
	scripts/install.sh

seed: install
	.venv/bin/python manage.py seed_demo

bench: install          ## national-scale benchmark (see docs/performance.md)
	.venv/bin/python benchmarks/run.py

bench-rapportages: install  ## dashboards and SiSa export with 1M provisions (see docs/performance.md)
	.venv/bin/python benchmarks/rapportages_bench.py
