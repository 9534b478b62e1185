"""Command line: ``python -m cvapp.cli migrate | seed-demo | outbox``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def migrate() -> None:
    """Upgrade the configured database to the newest schema."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    command.upgrade(config, "head")
    print("database migrated to head")

    from cvapp.db import session_scope
    from cvapp.domain.public.projection import fill_missing_search_text

    with session_scope() as session:
        indexed = fill_missing_search_text(session)
    if indexed:
        print(f"public search: indexed {indexed} public profiles")


def seed_demo() -> None:
    """Create the demo account (once) and print how to log in."""
    from cvapp.db import session_scope
    from cvapp.domain.demo.account import DEMO_EMAIL
    from cvapp.domain.demo.service import ensure_demo_account
    from cvapp.settings import get_settings

    with session_scope() as session:
        password = ensure_demo_account(session, data_dir=get_settings().data_dir)
    print(f"demo account: {DEMO_EMAIL} / password: {password}")


def show_outbox(limit: int) -> None:
    """Print the newest mails of the embedded outbox with their links."""
    from cvapp.db import session_scope
    from cvapp.domain.mail import outbox

    with session_scope() as session:
        print(outbox.format_entries(outbox.recent_entries(session, limit=limit)))


def backup(directory: str) -> None:
    """Back up the database and stored files into a new folder under ``directory``."""
    from cvapp.ops.backup import create_backup

    print(f"backup written to {create_backup(Path(directory))}")


def restore(folder: str) -> None:
    """Restore the database and stored files from a backup folder."""
    from cvapp.ops.backup import restore_backup

    result = restore_backup(Path(folder))
    print(f"restored {result['database']} and {result['files']} files from {folder}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cvapp")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the database to the newest schema")
    commands.add_parser("seed-demo", help="create the demo account and print its login")
    backup_parser = commands.add_parser("backup", help="back up the database and files")
    backup_parser.add_argument("--dir", default="backups")
    restore_parser = commands.add_parser("restore", help="restore a backup folder")
    restore_parser.add_argument("folder")
    outbox_parser = commands.add_parser("outbox", help="show recent mails and their links")
    outbox_parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args(argv)
    if args.command == "outbox":
        show_outbox(args.limit)
    elif args.command == "backup":
        backup(args.dir)
    elif args.command == "restore":
        restore(args.folder)
    else:
        {"migrate": migrate, "seed-demo": seed_demo}[args.command]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
