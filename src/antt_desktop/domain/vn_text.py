"""Vietnamese text: cleaning typed names, accent-free search keys, and name sort order."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width characters that pasted text (Word, Zalo, web pages) hides inside names;
# str.split() does not treat them as whitespace, so they become spaces first.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Text converted from the old TCVN3/VNI fonts often has Ð/ð (Icelandic eth) for Đ/đ.
_CLEANUP_TABLE = str.maketrans({**dict.fromkeys(_ZERO_WIDTH, " "), "Ð": "Đ", "ð": "đ"})


def _build_fold_table() -> dict[int, str | None]:
    """Precomposed Latin letters to their bare letter, combining marks dropped, đ as d.

    Mapping precomposed letters directly spares fold() a Unicode normalisation per call;
    dropping the combining marks as well still folds text that arrives decomposed (NFD).
    """
    table: dict[int, str | None] = {}
    for first, last in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for code in range(first, last + 1):
            bare = "".join(
                part
                for part in unicodedata.normalize("NFD", chr(code))
                if not unicodedata.combining(part)
            )
            if bare != chr(code):
                table[code] = bare.lower()
    for code in range(0x0300, 0x0370):
        table[code] = None
    for char in _ZERO_WIDTH:
        table[ord(char)] = " "
    for char in "đĐðÐ":
        table[ord(char)] = "d"
    return table


_FOLD_TABLE = _build_fold_table()


def normalize_text(value: str) -> str:
    """NFC, trimmed, every run of whitespace (tabs, NBSP, newlines, zero-width) as one space."""
    text = unicodedata.normalize("NFC", value.translate(_CLEANUP_TABLE))
    return " ".join(text.split())


def normalize_name(value: str) -> str:
    """A person's name cleaned; an all-lower or ALL-CAPS name gets each word capitalised."""
    name = normalize_text(value)
    if name == name.lower() or name == name.upper():
        # A mixed-case name is kept as typed: "McDonald", "H'Hen Niê" are deliberate.
        return " ".join(word.capitalize() for word in name.split(" "))
    return name


def fold(value: str) -> str:
    """The search key: no diacritics, đ as d, lower case, spaces folded ("Đỗ Ánh" → "do anh")."""
    return " ".join(value.lower().translate(_FOLD_TABLE).split())


def contains_folded(haystack_folded: str, query: str) -> bool:
    """Whether `query`, folded, occurs in an already folded text; an empty query matches."""
    return fold(query) in haystack_folded


# --- Name order -------------------------------------------------------------------------
#
# The key compares, in this order: the given name (tên, the last word), the middle names
# (tên đệm) word by word, then the family name (họ, the first word). Each word compares
# first by its letters in Vietnamese alphabet order, where ă â đ ê ô ơ ư are letters of
# their own (a < ă < â < b …), and only when the letters are equal by its tone. Tones
# follow the order Vietnamese dictionaries use (Từ điển tiếng Việt, ed. Hoàng Phê):
# ngang < huyền < hỏi < ngã < sắc < nặng.
# So An < Anh < Ánh < Ăn < Ba, and Ha < Hà < Hả < Hã < Há < Hạ.
#
# The key is plain ASCII (apart from characters outside the Latin script) so that it
# sorts the same with Python's str comparison and with SQLite's default BINARY collation:
# - a letter is two characters, its base letter and a digit for the letter's own mark
#   (a0 ă→a1 â→a2, d0 đ→d1, e0 ê→e1, o0 ô→o1 ơ→o2, u0 ư→u1), so "ăn" (a1n0) sorts after
#   every word spelt with a plain a; a digit is "0" and the digit, before every letter;
# - a word is its letters, "!", then one tone digit per vowel (0 ngang … 5 nặng); words
#   with equal letters have equal vowel counts, so the tone digits line up;
# - each middle word ends with ","; the given name, the middle names and the family name
#   are separated by " ". Both separators sort before any letter, so a shorter word or
#   a shorter list of middle names comes first ("An" < "Anh"; "Lê An" < "Lê Văn An").

_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_LETTER_MARKS = {
    ("a", _BREVE): "a1",
    ("a", _CIRCUMFLEX): "a2",
    ("e", _CIRCUMFLEX): "e1",
    ("o", _CIRCUMFLEX): "o1",
    ("o", _HORN): "o2",
    ("u", _HORN): "u1",
}
_TONES = {
    "\u0300": "1",  # huyền
    "\u0309": "2",  # hỏi
    "\u0303": "3",  # ngã
    "\u0301": "4",  # sắc
    "\u0323": "5",  # nặng
}
_VOWELS = frozenset("aeiouy")
_WORD_TONES, _MIDDLE_WORD_END, _PART_SEPARATOR = "!", ",", " "


def name_sort_key(full_name: str) -> str:
    """A str whose ordinary (binary) order is Vietnamese name order: tên, tên đệm, họ."""
    words = normalize_text(full_name).split(" ")
    if words == [""]:
        return ""
    given, middles = words[-1], words[1:-1]
    family = _word_key(words[0]) if len(words) > 1 else ""
    middle = "".join(_word_key(word) + _MIDDLE_WORD_END for word in middles)
    # Trailing separators are dropped: a key that is a prefix of another still sorts first.
    return _PART_SEPARATOR.join((_word_key(given), middle, family)).rstrip(_PART_SEPARATOR)


# Names repeat a small vocabulary (Nguyễn, Thị, Văn…): caching words makes keying 100,000
# members cheap.
@lru_cache(maxsize=8192)
def _word_key(word: str) -> str:
    letters: list[str] = []
    tones: list[str] = []
    base = ""
    mark = ""
    tone = "0"

    def finish() -> None:
        if not base:
            return
        letters.append(_LETTER_MARKS.get((base, mark), base + "0"))
        if base in _VOWELS:
            tones.append(tone)

    for char in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(char):
            if char in _TONES:
                tone = _TONES[char]
            elif (base, char) in _LETTER_MARKS:
                mark = char
            continue
        finish()
        base, mark, tone = "", "", "0"
        if "a" <= char <= "z":
            base = char
        elif char == "đ":
            letters.append("d1")
        elif char.isdigit():
            letters.append("0" + str(unicodedata.digit(char, 0)))
        elif char.isalpha():
            # Outside the Latin alphabet: after every Vietnamese letter, in code point order.
            letters.append("~" + char)
        # Punctuation inside a name (H'Hen, Nguyễn-Trần) does not affect the order.
    finish()
    return "".join(letters) + _WORD_TONES + "".join(tones)


def natural_key(label: str) -> tuple:
    """Order labels the way people count: "Thôn 2" before "Thôn 10", ignoring diacritics."""
    parts = re.split(r"(\d+)", fold(label))
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts if part)
