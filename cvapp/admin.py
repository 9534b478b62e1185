"""Operator commands: ``python -m cvapp.admin <command>``.

users [--search Q] [--plan P] [--deleted|--live]   list or search accounts
set-plan EMAIL free|pro|expert                     change a plan (no payment provider)
restore EMAIL                                      undo a deletion within its 30 days
purge [--email EMAIL]                              purge due deleted accounts (or one now)
retention                                          apply the retention rules now
demo                                               create the demo account and data
jobs                                               the job queue's status
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from cvapp.db import session_scope
from cvapp.errors import DomainError
from cvapp.models import Job, User
from cvapp.models.base import utcnow


def _status(user: User) -> str:
    if user.deleted_at is None:
        return "active"
    return f"deleted, purge {user.purge_after:%Y-%m-%d}" if user.purge_after else "deleted"


def list_users(search: str | None, plan: str | None, deleted: bool | None, limit: int) -> None:
    from cvapp.domain.account.directory import search_users

    with session_scope() as session:
        users = search_users(session, query=search, plan=plan, deleted=deleted, limit=limit)
        for user in users:
            seen = f"{user.last_active_at:%Y-%m-%d}" if user.last_active_at else "never"
            print(
                f"{user.id}  {user.email:<32} {user.plan:<7} created {user.created_at:%Y-%m-%d}"
                f"  last active {seen}  {_status(user)}"
            )
        print(f"{len(users)} account(s)")


def _user(session: Session, email: str) -> User:
    from cvapp.domain.account.deletion import find_account

    return find_account(session, email=email)


def set_plan(email: str, plan: str) -> None:
    from cvapp.domain.plans.service import change_plan

    with session_scope() as session:
        change = change_plan(session, user_id=_user(session, email).id, plan=plan)
    print(f"{email}: {change.old_plan} -> {change.new_plan}; read-only CVs: {change.read_only_cvs}")


def restore(email: str) -> None:
    from cvapp.domain.account.deletion import restore_account

    with session_scope() as session:
        restore_account(session, user_id=_user(session, email).id)
    print(f"{email} restored: the user can sign in again (API keys must be made anew)")


def purge(email: str | None) -> None:
    from cvapp.domain.account.purge import purge_account
    from cvapp.domain.account.retention import purge_due_accounts

    if email is None:
        print(f"purged {purge_due_accounts()['purged']} account(s) past their 30 days")
        return
    with session_scope() as session:
        report = purge_account(session, user_id=_user(session, email).id)
    print(f"{email} purged: {report.files} files, {report.cache_entries} cache entries")


def retention() -> None:
    from cvapp.domain.account.retention import run_retention

    with session_scope() as session:
        report = run_retention(session)
    print(", ".join(f"{name}: {count}" for name, count in report.items()))


def demo() -> None:
    from cvapp.cli import seed_demo

    seed_demo()


def jobs() -> None:
    """Jobs by kind and status, the oldest waiting one, and the broker's queue."""
    with session_scope() as session:
        rows = session.execute(
            select(Job.kind, Job.status, func.count())
            .group_by(col(Job.kind), col(Job.status))
            .order_by(col(Job.kind), col(Job.status))
        ).all()
        oldest = session.exec(
            select(func.min(Job.created_at)).where(col(Job.status).in_(("queued", "running")))
        ).one()
        failed = session.exec(
            select(Job).where(Job.status == "failed").order_by(col(Job.finished_at).desc()).limit(5)
        ).all()
        for kind, status, count in rows:
            print(f"{kind:<32} {status:<10} {count}")
        if oldest is not None:
            print(f"oldest unfinished job waiting since {oldest:%Y-%m-%d %H:%M} UTC")
        for job in failed:
            print(f"failed {job.kind} {job.id}: {(job.error or {}).get('message', '')}")
    print(f"broker queue: {_broker_queue()}")
    print(f"checked at {utcnow():%Y-%m-%d %H:%M:%S} UTC")


def _broker_queue() -> str:
    from cvapp.worker.broker import broker

    client = getattr(broker, "client", None)
    if client is None:
        return "in-process (embedded)"
    waiting = client.llen(f"{broker.namespace}:default")  # type: ignore[attr-defined]
    return f"{waiting} message(s) waiting in Redis"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cvapp.admin", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    users = commands.add_parser("users", help="list or search accounts")
    users.add_argument("--search", help="part of an email or name")
    users.add_argument("--plan", choices=("free", "pro", "expert"))
    state = users.add_mutually_exclusive_group()
    state.add_argument("--deleted", action="store_true", help="soft-deleted accounts only")
    state.add_argument("--live", action="store_true", help="live accounts only")
    users.add_argument("--limit", type=int, default=50)
    plan = commands.add_parser("set-plan", help="move an account to another plan")
    plan.add_argument("email")
    plan.add_argument("plan", choices=("free", "pro", "expert"))
    commands.add_parser("restore", help="restore a deleted account").add_argument("email")
    purge_parser = commands.add_parser("purge", help="purge deleted accounts now")
    purge_parser.add_argument("--email", help="purge this deleted account now, whatever its date")
    commands.add_parser("retention", help="apply the retention rules now")
    commands.add_parser("demo", help="create the demo account and print its login")
    commands.add_parser("jobs", help="show the job queue's status")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "users":
            deleted = True if args.deleted else False if args.live else None
            list_users(args.search, args.plan, deleted, args.limit)
        elif args.command == "set-plan":
            set_plan(args.email, args.plan)
        elif args.command == "restore":
            restore(args.email)
        elif args.command == "purge":
            purge(args.email)
        else:
            {"retention": retention, "demo": demo, "jobs": jobs}[args.command]()
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
