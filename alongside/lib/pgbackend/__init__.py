"""Django's PostgreSQL backend with a health check that asks the server only when the
connection has something to say (see base.py). settings.py uses it for PostgreSQL."""
