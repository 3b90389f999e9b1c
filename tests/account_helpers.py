"""Helpers of the issue #8 tests: a cheap argon2id hasher and services over it."""

from __future__ import annotations

from antt_desktop.services.accounts import Argon2Hasher

# Still argon2id, with the smallest cost argon2 allows, so that a test hashes in microseconds.
FAST_HASHER = Argon2Hasher(time_cost=1, memory_cost=8, parallelism=1)
ADMIN_PASSWORD = "BaoVe2026an"
CLERK_PASSWORD = "NhapLieu2026"
VIEWER_PASSWORD = "DocThoi2026"


def open_fast(database, clock, *, actor: str = "can-bo-test"):
    from antt_desktop.wiring import open_services

    return open_services(database, actor=actor, clock=clock, password_hasher=FAST_HASHER)


def with_accounts(services):
    """An administrator «quantri», a clerk «canbo» and a viewer «xem»; returns the users."""
    from antt_desktop.domain.access import Role

    admin = services.accounts.create_administrator("quantri", "Lê Văn Tâm", ADMIN_PASSWORD)
    as_admin = services.with_user(admin)
    clerk = as_admin.accounts.create_user("canbo", "Trần Thị Ánh", Role.DATA_ENTRY, CLERK_PASSWORD)
    viewer = as_admin.accounts.create_user("xem", "Đỗ Đức Bình", Role.VIEWER, VIEWER_PASSWORD)
    return admin, clerk, viewer
