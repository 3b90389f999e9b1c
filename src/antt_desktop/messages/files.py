"""A file the program could not read or write (a stick pulled out, a full disk, a read-only
folder): the same sentence wherever it happens, instead of Python's English text."""

from __future__ import annotations

import errno

from antt_desktop.domain.storage import StorageUnwritable, failure_of_errno
from antt_desktop.messages import describe, phrases


# The names of the half-written copies our writers rename into place: the user chose the file
# without them.
TEMPORARY_SUFFIXES = (".dang-ghi", ".tmp")

# What Windows and Linux mean by the errors a user can cause by choosing a file or folder.
REASONS = {
    errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EEXIST: "đã có tệp trùng tên",
    errno.EBUSY: "tệp đang được chương trình khác mở (ví dụ Excel hoặc Word)",
}


@phrases(OSError)
def _(e: OSError) -> str:
    where = str(e.filename or "tệp")
    for suffix in TEMPORARY_SUFFIXES:       # writers write beside the file, then rename
        where = where.removesuffix(suffix)
    failure = failure_of_errno(e.errno)
    if failure is not None:
        return describe(StorageUnwritable(failure, str(where)))
    reason = REASONS.get(e.errno, f"lỗi hệ thống số {e.errno}")
    return (f"Không đọc hoặc ghi được «{where}»: {reason}. Kiểm tra USB hoặc thư mục rồi thử lại; "
            "dữ liệu trong chương trình không thay đổi.")
