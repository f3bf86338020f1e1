"""The `alongside` command: serve, demo data, imports, and Django's management commands."""

import argparse
import os
import sys
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
    import django

    django.setup()


def serve(args: argparse.Namespace) -> int:
    # Before the settings load (here and in gunicorn's workers): SITE_URL defaults from it.
    os.environ["PORT"] = str(args.port)
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    if not settings.DEBUG:
        call_command("collectstatic", "--noinput", verbosity=0)
    bind = f"{args.host}:{args.port}"
    print(f"Alongside is serving on http://{bind}/  (API docs: http://{bind}/api/v1/docs)")
    sys.stdout.flush()
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "alongside.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
        # Calendar-feed, unsubscribe and reset tokens are masked in the access log.
        "--logger-class",
        "alongside.lib.logmask.AccessLogger",
        "--graceful-timeout",
        "5",
    ]
    os.execv(sys.executable, gunicorn)  # noqa: S606 - replace this process with the server


def demo(args: argparse.Namespace) -> int:
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    if not settings.DEBUG and not args.force:
        print(
            "Refusing to load demo accounts with DEBUG off (they share a known password). "
            "Pass --force if this really is a demo server.",
            file=sys.stderr,
        )
        return 2
    call_command("migrate", "--noinput", verbosity=0)
    from alongside.demo import DEMO_PASSWORD, load_demo

    results = load_demo()
    added = sum(created for _, created in results)
    print(f"Demo data: {added} people added, {len(results) - added} already there.")
    print(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for person, _ in results:
        print(f"  {person.role:<14} {person.profile['name']:<16} {person.email}")
    print(
        "The admin also runs the 'Autumn mentoring circle': 40 imported participants and a "
        "published matching run (its people sign in with the same password)."
    )
    return 0


def worker(args: argparse.Namespace) -> int:
    _setup()
    from django.conf import settings

    from alongside.home.worker import run

    run(sweep_seconds=args.sweep_seconds or settings.SWEEP_SECONDS, once=args.once)
    return 0


def import_participants(args: argparse.Namespace) -> int:
    _setup()
    from django.core.exceptions import ValidationError

    from alongside.lib.errors import ServiceError
    from alongside.programs.importer import ImportRefused, participants_import
    from alongside.programs.selectors import program_by_slug_or_id

    program = program_by_slug_or_id(args.program)
    if program is None:
        print(f"No program {args.program!r}: give its slug or its id.", file=sys.stderr)
        return 2

    tty = sys.stdout.isatty()

    def progress(line: str) -> None:
        # On a terminal the batches rewrite one line in place (a progress bar in words);
        # in a log, a line per step.
        if tty:
            end = "\n" if line.startswith(("checked", "done")) else ""
            print(f"\r\033[K{program.name}: {line}", end=end, flush=True)
        else:
            print(f"{program.name}: {line}", flush=True)

    try:
        with open(args.file, "rb") as file:
            result = participants_import(
                program=program,
                actor=None,
                rows_or_file=file,
                skip_bad_rows=args.skip_bad_rows,
                progress=progress,
            )
    except ImportRefused as refused:
        for error in refused.result.errors:
            print(f"line {error.line}: {error.message}", file=sys.stderr)
        print(refused.detail, file=sys.stderr)
        return 1
    except (ValidationError, ServiceError, OSError) as exc:
        said = (
            exc.detail
            if isinstance(exc, ServiceError)
            else "; ".join(getattr(exc, "messages", None) or [str(exc)])
        )
        print(said, file=sys.stderr)
        return 1
    for error in result.errors:
        print(f"skipped line {error.line}: {error.message}", file=sys.stderr)
    return 0


def _audit_backup(action: str, result: object) -> None:
    """The operator's backup or restore, in the audit log (no actor: the command line)."""
    from alongside.people.audit import audit

    tables = getattr(result, "tables", {})
    detail = {
        "file": str(getattr(result, "path", "")).rsplit("/", 1)[-1],
        "tables": len(tables),
        "rows": sum(tables.values()),
        "sha256": getattr(result, "sha256", ""),
    }
    audit(action, actor=None, detail=detail)


def _backup_step(step: str, file: Path, *, action: str) -> int:
    """`backup` or `restore` of lib/backup.py on FILE, then its row in the audit log."""
    _setup()
    from alongside.lib import backup as backups

    try:
        done = backups.backup(file) if step == "backup" else backups.restore(file)
    except (backups.BackupError, OSError) as exc:
        print(f"{step.capitalize()} failed: {exc}", file=sys.stderr)
        return 1
    _audit_backup(action, done)
    return 0


def backup(args: argparse.Namespace) -> int:
    return _backup_step("backup", args.file, action="backup_made")


def restore(args: argparse.Namespace) -> int:
    # Audited after the check: the restored database then holds one row more than the backup.
    return _backup_step("restore", args.file, action="backup_restored")


def manage(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["alongside manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alongside", description="Alongside, a mentorship platform."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    p = commands.add_parser("serve", help="migrate, then serve the site with gunicorn")
    p.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    p.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    p.set_defaults(func=serve)

    p = commands.add_parser("demo", help="load the demo program and people (idempotent)")
    p.add_argument("--force", action="store_true", help="load even with DEBUG off")
    p.set_defaults(func=demo)

    p = commands.add_parser(
        "worker", help="run background tasks (emails) and the reminder sweep every minute"
    )
    p.add_argument(
        "--sweep-seconds",
        type=float,
        default=None,
        help="seconds between sweeps (default: SWEEP_SECONDS, 60)",
    )
    p.add_argument("--once", action="store_true", help="sweep once, send what is queued, exit")
    p.set_defaults(func=worker)

    p = commands.add_parser(
        "import", help="import a program's participants from a CSV file (see the API docs)"
    )
    p.add_argument("program", help="the program's slug or id")
    p.add_argument("file", help="a CSV file: email, name, role, capacity, ...")
    p.add_argument(
        "--skip-bad-rows", action="store_true", help="import the good rows when some are bad"
    )
    p.set_defaults(func=import_participants)

    p = commands.add_parser(
        "backup", help="write a consistent snapshot of the database, while the site runs"
    )
    p.add_argument("file", type=Path, help="the backup file to write (a zip)")
    p.set_defaults(func=backup)

    p = commands.add_parser(
        "restore", help="load a backup into an empty database and check it row by row"
    )
    p.add_argument("file", type=Path, help="a file written by `alongside backup`")
    p.set_defaults(func=restore)

    p = commands.add_parser(
        "manage", help="run a Django management command (migrate, shell…)", add_help=False
    )
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
