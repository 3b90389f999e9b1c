"""The birth-province codes of the 12-digit personal ID (TT 07/2016/TT-BCA Phụ lục 1)."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from antt_desktop.paths import resource_path

PROVINCE_CODES_FILE = "cccd_province_codes.csv"


@lru_cache(maxsize=1)
def load_province_codes() -> Mapping[str, str]:
    """Code ("001") to province name ("Hà Nội"); read once, returned read-only."""
    with resource_path(PROVINCE_CODES_FILE).open(encoding="utf-8-sig", newline="") as file:
        codes = {
            # A spreadsheet edit may have dropped the leading zeros of the code column.
            row["code"].strip().zfill(3): unicodedata.normalize("NFC", row["province_name"].strip())
            for row in csv.DictReader(file)
            if row["code"].strip()
        }
    return MappingProxyType(codes)
