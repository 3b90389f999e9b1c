"""A file that cannot be read or written is explained in Vietnamese, in the app and in `antt`."""

from __future__ import annotations

import errno

import pytest

from antt_desktop.cli import main
from antt_desktop.messages import describe


@pytest.mark.parametrize(("error", "said"), [
    (OSError(errno.ENOSPC, "No space left on device", "E:/bang.xlsx"), "ổ đĩa đã đầy"),
    (PermissionError(errno.EACCES, "Permission denied", "E:/bang.xlsx"), "chỉ cho phép đọc"),
    (OSError(errno.EIO, "Input/output error", "E:/bang.xlsx"), "USB vừa bị rút ra"),
    (NotADirectoryError(errno.ENOTDIR, "Not a directory", "E:/bang.xlsx"), "không phải thư mục"),
    (OSError(errno.EBUSY, "Device or resource busy", "E:/bang.xlsx"), "đang được chương trình khác mở"),
])
def test_each_file_error_is_a_vietnamese_sentence_naming_the_file(error, said):
    text = describe(error)
    assert said in text and "«E:/bang.xlsx»" in text
    assert error.strerror not in text


def test_the_command_line_says_it_and_writes_nothing(capsys, tmp_path):
    db = str(tmp_path / "antt.sqlite")
    assert main(["demo", "--db", db]) == 0
    capsys.readouterr()
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("x")
    code = main(["print", "members", "--out", str(blocker / "ds.pdf"), "--db", db])
    err = capsys.readouterr().err
    assert code != 0 and "không phải thư mục" in err and "Not a directory" not in err
    assert not list(tmp_path.glob("**/ds.pdf*"))


def test_the_file_named_is_the_one_the_user_chose_not_our_temporary_copy():
    text = describe(IsADirectoryError(errno.EISDIR, "Is a directory", "E:/goi/DEMO-goi-0001.antt.dang-ghi"))
    assert "«E:/goi/DEMO-goi-0001.antt»" in text and "Is a directory" not in text
