"""Money in whole đồng: display, the accounting reading in words, and parsing typed amounts."""

from __future__ import annotations

import contextlib
import pickle

import pytest

from antt_desktop.domain.money import (
    InvalidAmount,
    amount_in_words,
    format_amount,
    format_dong,
    parse_amount,
)
from antt_desktop.messages import describe


@pytest.mark.parametrize(
    ("amount", "amount_text", "dong_text"),
    [
        (0, "0", "0 đ"),
        (5, "5", "5 đ"),
        (999, "999", "999 đ"),
        (1_000, "1.000", "1.000 đ"),
        (150_000, "150.000", "150.000 đ"),
        (1_980_000, "1.980.000", "1.980.000 đ"),
        (12_345_678_901, "12.345.678.901", "12.345.678.901 đ"),
        (-250_000, "-250.000", "-250.000 đ"),
    ],
)
def test_format(amount, amount_text, dong_text):
    assert format_amount(amount) == amount_text
    assert format_dong(amount) == dong_text


# Accounting convention (STACK-NOTES "Amounts in words"): groups after the first keep
# their hundreds, all-zero groups are skipped, linh not lẻ, mốt/tư/lăm after a tens digit ≥ 2.
WORDS = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (99, "Chín mươi chín đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (150_000, "Một trăm năm mươi nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_001, "Một triệu không trăm linh một đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_980_000, "Một triệu chín trăm tám mươi nghìn đồng"),
    (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
    (2_820_000, "Hai triệu tám trăm hai mươi nghìn đồng"),
    (6_500_000, "Sáu triệu năm trăm nghìn đồng"),
    (6_650_000, "Sáu triệu sáu trăm năm mươi nghìn đồng"),
    (100_000_000, "Một trăm triệu đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (2_000_000_021, "Hai tỷ không trăm hai mươi mốt đồng"),
    (12_345_678_901, "Mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn chín trăm linh một đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_005_000_000_000, "Một nghìn không trăm linh năm tỷ đồng"),
    (1_000_000_000_000_000, "Một triệu tỷ đồng"),
    (1_000_000_000_000_001, "Một triệu tỷ không trăm linh một đồng"),
    (-250_000, "Âm hai trăm năm mươi nghìn đồng"),
    (-1, "Âm một đồng"),
]


@pytest.mark.parametrize(("amount", "words"), WORDS)
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_every_amount_in_words_is_capitalised_and_ends_in_dong():
    for amount in [*range(0, 2_100, 7), 1_000_000_007, 987_654_321_012_345]:
        words = amount_in_words(amount)
        assert words[0].isupper() and words.endswith(" đồng")
        assert "  " not in words and "lẻ" not in words


@pytest.mark.parametrize("function", [format_amount, format_dong, amount_in_words])
@pytest.mark.parametrize("bad", [1.5, 1980000.0, True, False, "1980000", None])
def test_only_int_dong_are_accepted(function, bad):
    with pytest.raises(TypeError):
        function(bad)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.980.000", 1_980_000),
        ("1980000", 1_980_000),
        ("1 980 000 đ", 1_980_000),
        ("1,980,000", 1_980_000),
        ("1\u00a0980\u00a0000", 1_980_000),  # NBSP between groups, as Excel/LibreOffice show
        ("1.980.000đ", 1_980_000),
        ("1.980.000 đồng", 1_980_000),
        ("1.980.000 VNĐ", 1_980_000),
        ("1.980.000 ₫", 1_980_000),
        ("  150.000  ", 150_000),
        ("1.980", 1_980),  # a dot groups thousands in Vietnam, it is never a decimal point
        ("1.980.000,00", 1_980_000),
        ("1980000.0", 1_980_000),  # a spreadsheet float written as text
        ("-250.000", -250_000),
        ("0", 0),
        ("１９８０", 1_980),  # full-width digits from an IME
    ],
)
def test_parse_amount(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "đ",
        "abc",
        "một triệu",
        "1.98",  # two digits in a group
        "1.980,5",  # a real decimal part: đồng are whole
        "1.980.000.00",  # the decimal separator must differ from the grouping one
        "1.980,000",  # mixed grouping separators
        "1980.000.000",  # first group longer than three digits
        "12,34",
        "1.980.000 USD",
        "--5",
        "1e6",
    ],
)
def test_parse_amount_refuses_junk(text):
    with pytest.raises(InvalidAmount) as caught:
        parse_amount(text)
    assert caught.value.text == text


def test_invalid_amount_raises_pickles_and_accepts_notes():
    error = InvalidAmount("abc")
    with pytest.raises(InvalidAmount) as caught:
        raise error
    assert caught.value is error
    error.add_note("row 12")  # frozen dataclass exceptions must still let Python set dunders
    with pytest.raises(InvalidAmount), contextlib.ExitStack() as stack:
        stack.callback(lambda: None)
        raise InvalidAmount("x")
    assert pickle.loads(pickle.dumps(error)).text == "abc"
    with pytest.raises(AttributeError):
        error.text = "changed"


@pytest.mark.parametrize(("text", "fragment"), [("abc", "«abc»"), ("", "Chưa nhập số tiền")])
def test_invalid_amount_is_described_in_vietnamese(text, fragment):
    sentence = describe(InvalidAmount(text))
    assert not sentence.startswith("Lỗi không mong đợi")
    assert fragment in sentence
