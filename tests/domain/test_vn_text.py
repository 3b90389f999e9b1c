"""Vietnamese text: whitespace and NFC cleaning, name capitals, search folding, name order."""

from __future__ import annotations

import random
import sqlite3
import unicodedata

import pytest

from antt_desktop.domain.vn_text import (
    contains_folded,
    fold,
    name_sort_key,
    normalize_name,
    normalize_text,
)

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731  what some Mac/web input sends


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Nguyễn Văn An  ", "Nguyễn Văn An"),
        ("Nguyễn\tVăn\nAn", "Nguyễn Văn An"),
        ("Nguyễn\u00a0Văn\u00a0\u00a0An", "Nguyễn Văn An"),  # NBSP from Word / web pages
        ("Nguyễn\u200bVăn \u200b An", "Nguyễn Văn An"),  # zero-width space
        ("\ufeffNguyễn Văn An", "Nguyễn Văn An"),  # BOM at the start of a CSV cell
        ("Nguyễn \r\n  Văn", "Nguyễn Văn"),
        (NFD("Đỗ Thị Ánh"), "Đỗ Thị Ánh"),
        ("Ðặng Văn Lâm", "Đặng Văn Lâm"),  # Icelandic Ð from old TCVN3/VNI conversions
        ("", ""),
        (" \t\u00a0 ", ""),
    ],
)
def test_normalize_text(raw, expected):
    result = normalize_text(raw)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ĐỖ THỊ ÁNH", "Đỗ Thị Ánh"),
        ("nguyễn văn an", "Nguyễn Văn An"),
        ("  TRẦN   thị  ", "TRẦN thị"),  # mixed case: kept as typed, only spaces cleaned
        ("ƯNG HOÀNG PHÚC", "Ưng Hoàng Phúc"),
        ("đặng ơn", "Đặng Ơn"),
        (NFD("ĐỖ THỊ ÁNH"), "Đỗ Thị Ánh"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("H'Hen Niê", "H'Hen Niê"),  # deliberate capitals inside a word stay
        ("McDonald", "McDonald"),
        ("", ""),
    ],
)
def test_normalize_name(raw, expected):
    assert normalize_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đỗ Thị Ánh", "do thi anh"),
        ("NGUYỄN VĂN ĐỨC", "nguyen van duc"),
        ("Ưng Hoàng Phúc", "ung hoang phuc"),
        ("Lê  Thị\u00a0Hạnh\t", "le thi hanh"),
        (NFD("Trịnh Quốc Ơn"), "trinh quoc on"),
        ("Ðặng", "dang"),
        ("Nguyễn\u200bAn", "nguyen an"),
        ("079123456789", "079123456789"),
        ("", ""),
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


def test_fold_drops_every_vietnamese_mark():
    vietnamese = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    folded = fold(vietnamese + vietnamese.upper())
    assert set(folded) == set("aeiouyd")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("anh", True),
        ("ÁNH", True),
        ("thi anh", True),
        ("Thị  Ánh", True),
        ("do", True),
        ("đỗ", True),
        ("", True),
        ("hoa", False),
        ("anh thi", False),
    ],
)
def test_contains_folded(query, expected):
    assert contains_folded(fold("Đỗ Thị Ánh"), query) is expected


# --- name order ---------------------------------------------------------------------------


def sort_names(names):
    return sorted(names, key=name_sort_key)


def test_given_names_follow_the_vietnamese_alphabet_then_the_tone():
    in_order = ["An", "Anh", "Ánh", "Ă", "Ân", "Ba", "Bình", "Dũng", "Đức", "Hà", "Hạ", "Ôn", "Ơn", "Uyên", "Ưng", "Vy", "Yến"]
    shuffled = random.Random(7).sample(in_order, len(in_order))
    assert sort_names(shuffled) == in_order


def test_tones_order_ngang_huyen_hoi_nga_sac_nang():
    in_order = ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]
    assert sort_names(list(reversed(in_order))) == in_order


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        ("Nguyễn Văn An", "Trần Văn Bình", "given name first: An < Bình"),
        ("Trần Văn An", "Nguyễn Văn Anh", "An is a prefix of Anh"),
        ("Nguyễn Văn Anh", "Lê Thị Ánh", "same letters: ngang before sắc"),
        ("Đặng Ánh", "Phạm Thị Ă", "a is a letter before ă, whatever the tone"),
        ("Lê Văn An", "Nguyễn Văn An", "same given and middle names: family Lê < Nguyễn"),
        ("Nguyễn Thị An", "Nguyễn Văn An", "same given name: middle Thị < Văn"),
        ("Nguyễn Thị An", "Lê Văn An", "the middle name counts before the family name"),
        ("Lê An", "Lê Văn An", "no middle name before any middle name"),
        ("An", "Lê An", "a lone word before the same given name with a family name"),
        ("Lê Thị Ngọc An", "Lê Thị Thu An", "middle names compared word by word"),
        ("Lê Thị An", "Lê Thị Ngọc An", "fewer middle names first when the first ones match"),
        ("Dương Văn Đức", "Đinh Văn Đức", "family Dương < Đinh: d before đ"),
        ("Ôn Văn Hùng", "Ơn Văn Hùng", "ô before ơ"),
        ("nguyễn văn an", "Nguyễn Văn Anh", "case does not matter"),
        ("Lê Văn Hùng 2", "Lê Văn Hùng3", "digits before letters, and sort among themselves"),
    ],
)
def test_name_order(first, second, why):
    assert name_sort_key(first) < name_sort_key(second), why


def test_the_brief_example_sorts_by_given_name_middle_then_family():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đặng Ánh", "Phạm Thị Ă", "Nguyễn Văn An"]
    assert sort_names(names) == [
        "Nguyễn Thị An",
        "Lê Văn An",
        "Nguyễn Văn An",
        "Đặng Ánh",
        "Phạm Thị Ă",
        "Trần Văn Bình",
    ]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Nguyễn Văn An", "NGUYỄN VĂN AN"),
        ("Nguyễn Văn An", "  nguyễn\u00a0văn   an "),
        ("Đỗ Thị Ánh", NFD("Đỗ Thị Ánh")),
    ],
)
def test_same_name_written_differently_has_the_same_key(one, other):
    assert name_sort_key(one) == name_sort_key(other)


def test_key_is_ascii_for_vietnamese_names_and_empty_for_no_name():
    assert name_sort_key("Nguyễn Thị Ánh Tuyết").isascii()
    assert name_sort_key("   ") == ""


def test_sqlite_orders_keys_the_same_way_as_python():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đặng Ánh", "Phạm Thị Ă", "Nguyễn Văn An",
             "Hồ Hà", "Lý Hạ", "Lê An", "An", "Vũ Dũng", "Lý Đức", "Ngô Anh", "Lê Thị Ngọc An"]
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE member (name TEXT, sort_key TEXT)")
    connection.executemany("INSERT INTO member VALUES (?, ?)", [(n, name_sort_key(n)) for n in names])
    in_sql = [row[0] for row in connection.execute("SELECT name FROM member ORDER BY sort_key")]
    connection.close()
    assert in_sql == sort_names(names)
