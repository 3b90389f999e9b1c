"""Where each screen lives. Every area writes its own module; the main window imports lazily.

A page or tab class is built as `Class(services, prompts, parent=None)`, has a `refresh()`
method, and may declare `data_changed = Signal()` which it emits after a successful write so
the other pages refresh (STYLE §7).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenEntry:
    key: str
    title: str
    module: str
    class_name: str
    issue: int            # the issue that delivers it, for the honest "not yet" notice


NAV_PAGES = (
    ScreenEntry("overview", "Tổng quan", "antt_desktop.ui.overview.page", "OverviewPage", 3),
    ScreenEntry("organisation", "Thôn/Tổ", "antt_desktop.ui.organisation.page", "OrganisationPage", 3),
    ScreenEntry("members", "Thành viên", "antt_desktop.ui.members.page", "MembersPage", 3),
    ScreenEntry("decisions", "Quyết định", "antt_desktop.ui.decisions.page", "DecisionsPage", 4),
    ScreenEntry("payroll", "Hỗ trợ & Bảo hiểm", "antt_desktop.ui.payroll.page", "PayrollPage", 5),
    ScreenEntry("reports", "Báo cáo", "antt_desktop.ui.reports.page", "ReportsPage", 7),
    ScreenEntry("sync", "Đồng bộ USB", "antt_desktop.ui.sync.page", "SyncPage", 6),
    ScreenEntry("settings", "Cài đặt", "antt_desktop.ui.settings.page", "SettingsPage", 3),
)

SETTINGS_TABS = (
    ScreenEntry("unit", "Đơn vị", "antt_desktop.ui.settings.unit_tab", "UnitTab", 3),
    ScreenEntry("policies", "Chính sách của tỉnh", "antt_desktop.ui.payroll.policy_tab", "PolicyTab", 5),
    ScreenEntry("keys", "Khóa & đơn vị tin cậy", "antt_desktop.ui.sync.keys_tab", "KeysTab", 6),
    ScreenEntry("users", "Tài khoản", "antt_desktop.ui.accounts.users_tab", "UsersTab", 8),
    ScreenEntry("backups", "Sao lưu & phục hồi", "antt_desktop.ui.backups.backups_tab", "BackupsTab", 8),
    ScreenEntry("audit", "Nhật ký thao tác", "antt_desktop.ui.audit.audit_tab", "AuditTab", 8),
)

# Dialogs other pages open: the members page's "Nhập từ Excel" button opens the import wizard.
DIALOGS = {
    "member_import": ScreenEntry("member_import", "Nhập danh sách từ Excel",
                                 "antt_desktop.ui.imports.wizard", "MemberImportWizard", 7),
}


def pending_text(entry: ScreenEntry) -> str:
    """The plain notice shown where a screen of a later issue will be."""
    return (f"Chức năng «{entry.title}» chưa có trong bản này: nó đang được xây dựng "
            f"(hạng mục #{entry.issue}). Khi hoàn thành, chức năng sẽ xuất hiện tại đây.")


def load_class(entry: ScreenEntry):
    """The screen's class, or None when its module is not there (yet)."""
    import importlib

    try:
        module = importlib.import_module(entry.module)
    except ModuleNotFoundError as error:
        if error.name and entry.module.startswith(error.name):
            return None
        raise
    return getattr(module, entry.class_name)
