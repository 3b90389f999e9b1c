"""Vietnamese for Qt's own strings: standard buttons, text-field menus, spin boxes, dialogs.

Qt ships no qtbase_vi.qm (STYLE §9), so this translator answers Qt's requests from a table.
Anything not in the table stays as Qt wrote it (None tells Qt "not translated").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

_EDIT_MENU = {
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "&Cắt", "&Copy": "Sao &chép",
    "&Paste": "&Dán", "Delete": "Xóa", "Select All": "Chọn tất cả",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
}

TRANSLATIONS: dict[str, dict[str, str]] = {
    # Standard buttons of QDialogButtonBox and QMessageBox (Qt 6 asks the platform theme).
    "QPlatformTheme": {
        "OK": "Đồng ý", "Save": "Lưu", "Save All": "Lưu tất cả", "Open": "Mở", "&Yes": "&Có",
        "Yes to &All": "Có với tất cả", "&No": "&Không", "N&o to All": "Không với tất cả",
        "Abort": "Hủy bỏ", "Retry": "Thử lại", "Ignore": "Bỏ qua", "Close": "Đóng",
        "Cancel": "Hủy", "Discard": "Không lưu", "Help": "Trợ giúp", "Apply": "Áp dụng",
        "Reset": "Đặt lại", "Restore Defaults": "Khôi phục mặc định",
        "Don't Save": "Không lưu", "Close without Saving": "Đóng không lưu",
    },
    "QMessageBox": {"Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết…",
                    "OK": "Đồng ý", "Help": "Trợ giúp"},
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": _EDIT_MENU,
    "QAbstractSpinBox": {"&Select All": "Chọn &tất cả", "&Step up": "&Tăng", "Step &down": "&Giảm"},
    "QShortcut": {"Ctrl": "Ctrl", "Shift": "Shift", "Alt": "Alt", "Del": "Del", "Esc": "Esc",
                  "Return": "Enter", "Enter": "Enter", "Space": "Cách", "Backspace": "Xóa lùi"},
    "QProgressDialog": {"Cancel": "Hủy"},
    "QFileDialog": {
        "Look in:": "Tìm trong:", "File &name:": "&Tên tệp:", "Files of type:": "Kiểu tệp:",
        "&Open": "&Mở", "&Save": "&Lưu", "&Choose": "&Chọn", "Cancel": "Hủy",
        "Back": "Quay lại", "Forward": "Tiến tới", "Parent Directory": "Thư mục cha",
        "Create New Folder": "Tạo thư mục mới", "New Folder": "Thư mục mới",
        "List View": "Dạng danh sách", "Detail View": "Dạng chi tiết", "Directory:": "Thư mục:",
        "Open": "Mở", "Save As": "Lưu thành", "Find Directory": "Chọn thư mục",
        "All Files (*)": "Tất cả tệp (*)", "Show &hidden files": "Hiện tệp &ẩn",
        "&Rename": "Đổi &tên", "&Delete": "&Xóa", "&New Folder": "Thư mục &mới",
        "My Computer": "Máy tính", "Computer": "Máy tính", "Recent Places": "Vị trí gần đây",
        "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nGhi đè lên tệp đó?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    },
    "QFileSystemModel": {"Name": "Tên", "Size": "Kích thước", "Type": "Kiểu",
                         "Date Modified": "Ngày sửa", "Kind": "Kiểu"},
    "QDialog": {"What's This?": "Đây là gì?"},
    "QWizard": {"< &Back": "< &Quay lại", "&Next >": "&Tiếp >", "&Finish": "&Hoàn tất",
                "Cancel": "Hủy", "&Help": "&Trợ giúp", "Go Back": "Quay lại",
                "Continue": "Tiếp tục", "Commit": "Xác nhận", "Done": "Xong", "Help": "Trợ giúp"},
    "QColorDialog": {"&OK": "Đồng ý", "Cancel": "Hủy"},
}


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's translation requests from TRANSLATIONS; install it on the application."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 (Qt override)
        return TRANSLATIONS.get(context, {}).get(source_text)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False


def install(application: QCoreApplication) -> VietnameseQtTranslator:
    """Install the translator; keep the returned object alive as long as the application."""
    translator = VietnameseQtTranslator(application)
    application.installTranslator(translator)
    return translator
