# Nieuwe Start: the two commands a newcomer needs are `make run` and `make test`.
.PHONY: run test install seed bench migrate lint

run: install            ## installs, migrates, seeds demo data and serves on http://127.0.0.1:8000
	mkdir -p var
	.venv/bin/python manage.py migrate --noinput
	.venv/bin/python manage.py seed_demo
	.venv/bin/python manage.py runserver 127.0.0.1:8000

test:                   ## the whole suite on SQLite and on PostgreSQL (installs what it needs)
	scripts/test.sh

install:
	scripts/install.sh

seed: install
	.venv/bin/python manage.py seed_demo

bench: install          ## national-scale benchmark (see docs/performance.md)
	.venv/bin/python benchmarks/run.py
