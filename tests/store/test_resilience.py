"""Resilience of the data file (issue #8), tested with real processes and real SQLite errors:

- a process killed with SIGKILL in the middle of writing leaves a file that opens, passes
  SQLite's integrity_check and holds all or none of each transaction;
- a read-only file or a full disk gives a clear Vietnamese message and changes nothing;
- a second program on the same database is refused, and the lock dies with its process.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from antt_desktop.domain.storage import DatabaseInUse, StorageFailure, StorageUnwritable
from antt_desktop.domain.units import UnitSetup
from antt_desktop.messages import describe
from antt_desktop.store.backups import file_problems
from antt_desktop.wiring import open_services

pytestmark = pytest.mark.sqlite_only
ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT), "QT_QPA_PLATFORM": "offscreen"}

WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from antt_desktop.domain.dates import BirthDate
    from antt_desktop.domain.members import MemberDraft
    from antt_desktop.domain.people import Gender
    from antt_desktop.wiring import open_services

    LETTERS = "abcdeghiklmnopqrstuvxy"

    def name(number):
        word = ""
        while True:
            number, rest = divmod(number, len(LETTERS))
            word += LETTERS[rest]
            if not number:
                break
        return "Nguyễn Văn " + word.capitalize()

    services = open_services(sys.argv[1], actor="tien-trinh-ghi")
    start = int(sys.argv[2])
    for number in range(start, start + 100000):
        services.members.create(MemberDraft(full_name=name(number), gender=Gender.MALE,
                                            birth=BirthDate(full=date(1980, 1, 1)),
                                            address="x" * 2000))
        print(number, flush=True)
""")


def counts(path: Path) -> tuple[int, int]:
    """(members, members whose creation is in the audit log), read straight from the file."""
    connection = sqlite3.connect(path)
    try:
        members = connection.execute("SELECT count(*) FROM members").fetchone()[0]
        logged = connection.execute(
            "SELECT count(*) FROM members JOIN audit_events ON audit_events.entity_id = members.id"
            " AND audit_events.action = 'member.created'").fetchone()[0]
        orphans = connection.execute(
            "SELECT count(*) FROM audit_events WHERE action = 'member.created'"
            " AND entity_id NOT IN (SELECT id FROM members)").fetchone()[0]
        assert orphans == 0, "an audit event without its member: a transaction was split"
        return members, logged
    finally:
        connection.close()


def assert_sound_and_chained(path: Path) -> None:
    assert file_problems(path, thorough=True) == []
    services = open_services(path, actor="kiem-tra")
    try:
        assert services.audit.broken_sequences() == []
        assert services.checks.run().is_clean
    finally:
        services.close()


@pytest.fixture
def commune_file(database):
    services = open_services(database, actor="can-bo-test")
    services.units.set_up(UnitSetup(code="26734", name="Xã Tân Phú", province="Gia Lai"))
    services.close()
    return database


@pytest.mark.slow
def test_killing_a_writer_mid_loop_keeps_every_committed_transaction_whole(commune_file):
    at_least = 0
    for round_number, stop_after in enumerate((7, 31, 3)):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(commune_file), str(round_number * 1000)],
                                  stdout=subprocess.PIPE, text=True, env=ENV, cwd=ROOT)
        for _ in range(stop_after):               # each line is printed after its commit
            int(writer.stdout.readline())
        time.sleep(0.005 * round_number)          # land somewhere inside a later transaction
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
        assert writer.returncode == -signal.SIGKILL

        members, logged = counts(commune_file)
        # All or none: every member came with its audit event, and no event without its member.
        assert members == logged
        # Nothing committed is lost: every creation reported before the kill is there.
        at_least += stop_after
        assert members >= at_least
        at_least = members
        assert_sound_and_chained(commune_file)


@pytest.mark.slow
def test_killing_a_big_import_mid_transaction_leaves_none_of_it(tmp_path):
    database = tmp_path / "tong-hop.sqlite"
    wal = database.with_name(database.name + "-wal")
    command = [sys.executable, "-m", "antt_desktop.cli", "demo", "--communes", "20", "--members", "20000",
               "--db", str(database)]
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
    deadline = time.monotonic() + 120
    # The demo inserts 20,000 members in one transaction; its uncommitted pages spill into the
    # WAL long before the commit (at ~40 MB). Kill it when the WAL holds 8 MB of them.
    while (not wal.exists() or wal.stat().st_size < 8 * 1024 * 1024) and writer.poll() is None:
        assert time.monotonic() < deadline, "the demo never reached the middle of its transaction"
        time.sleep(0.02)
    assert writer.poll() is None, writer.stderr.read()
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    writer.stderr.close()

    assert file_problems(database, thorough=True) == []
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("SELECT count(*) FROM members").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM units").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM hamlets").fetchone()[0] == 0
    finally:
        connection.close()
    # The file opens, is at the newest schema, and the same command now completes.
    from antt_desktop.cli import main

    assert main(["demo", "--communes", "2", "--members", "50", "--db", str(database)]) == 0
    assert counts(database)[0] == 50
    assert_sound_and_chained(database)


def test_a_read_only_database_gives_a_clear_message_and_changes_nothing(commune_file):
    before = counts(commune_file)
    read_only = open_services(f"sqlite:///file:{commune_file}?mode=ro&uri=true", actor="can-bo-test",
                              migrate=False)
    try:
        assert read_only.units.own_unit().name == "Xã Tân Phú"       # reading still works
        from antt_desktop.domain.organisation import HamletDraft

        with pytest.raises(StorageUnwritable) as refused:
            read_only.hamlets.create(HamletDraft(name="Thôn Mới"))
    finally:
        read_only.close()
    assert refused.value.failure is StorageFailure.READ_ONLY
    message = describe(refused.value)
    assert message.startswith(f"Không ghi được dữ liệu vào «{commune_file}»: thư mục hoặc ổ đĩa chỉ cho phép đọc")
    assert "dữ liệu vẫn giữ nguyên" in message
    assert counts(commune_file) == before
    assert file_problems(commune_file) == []


def test_a_full_disk_gives_a_clear_message_and_changes_nothing(commune_file):
    services = open_services(commune_file, actor="can-bo-test")
    try:
        engine = services._engine
        engine.dispose()
        with sqlite3.connect(commune_file) as probe:
            pages = probe.execute("PRAGMA page_count").fetchone()[0]

        @event.listens_for(engine, "connect")
        def _no_room_to_grow(dbapi_connection, _record):
            # SQLite answers SQLITE_FULL exactly as for a full disk once the file may not grow.
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

        with pytest.raises(StorageUnwritable) as refused:
            _fill_hamlets(services)
    finally:
        services.close()
    assert refused.value.failure is StorageFailure.DISK_FULL
    assert "ổ đĩa đã đầy" in describe(refused.value)
    connection = sqlite3.connect(commune_file)
    try:
        assert connection.execute("SELECT count(*) FROM hamlets").fetchone()[0] == 0
    finally:
        connection.close()
    assert file_problems(commune_file) == []


def _fill_hamlets(services):
    """One transaction big enough to need new pages: many hamlets through the unit of work."""
    from antt_desktop.store.tables import HamletRow

    with services.context.new_uow() as uow:
        for number in range(3000):
            uow.session.add(HamletRow(unit_code="26734", name=f"Thôn {number} " + "x" * 200, kind="thon",
                                      households=1, residents=1, is_complex=False, is_exempt_area=False,
                                      note="", created_at=services.context.clock(),
                                      updated_at=services.context.clock()))
        uow.commit()


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from antt_desktop.services.backups import hold_database
    lock = hold_database(Path(sys.argv[1]))
    print("held", flush=True)
    time.sleep(120)
""")

SECOND_WINDOW = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication
    from antt_desktop.ui.startup import start

    class Prompts:
        def error(self, title, text, detail=""):
            print("ERROR:", text, flush=True)
        def __getattr__(self, name):
            raise AssertionError(name)

    app = QApplication([])
    window = start(sys.argv[1], prompts=Prompts(), run_dialog=lambda dialog: False)
    print("WINDOW:", window is not None, flush=True)
""")


def test_a_second_program_on_the_same_database_is_refused(commune_file):
    from antt_desktop.services.backups import database_in_use, hold_database

    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(commune_file)], stdout=subprocess.PIPE,
                              text=True, env=ENV, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert database_in_use(commune_file)
        with pytest.raises(DatabaseInUse) as refused:
            hold_database(commune_file)
        assert "đang được mở ở một cửa sổ ANTT Desktop khác" in describe(refused.value)
        # The desktop program itself, started a second time, says so and opens nothing.
        second = subprocess.run([sys.executable, "-c", SECOND_WINDOW, str(commune_file)], capture_output=True,
                                text=True, env=ENV, cwd=ROOT, timeout=60)
        assert "ERROR: Cơ sở dữ liệu" in second.stdout and "WINDOW: False" in second.stdout, second.stderr
        # `antt restore` refuses too while the window is open.
        from antt_desktop.cli import main

        assert main(["restore", str(commune_file), "--yes", "--db", str(commune_file)]) == 1
    finally:
        holder.send_signal(signal.SIGKILL)          # the lock dies with its process, even killed
        holder.wait(timeout=30)
        holder.stdout.close()
    assert not database_in_use(commune_file)
    lock = hold_database(commune_file)
    lock.release()


def test_the_lock_is_exclusive_within_one_process_too(commune_file):
    from antt_desktop.services.backups import hold_database

    first = hold_database(commune_file)
    try:
        with pytest.raises(DatabaseInUse):
            hold_database(commune_file)
    finally:
        first.release()
    hold_database(commune_file).release()
