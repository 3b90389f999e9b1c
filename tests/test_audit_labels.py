"""Every audit action the program writes reads in Vietnamese in the viewer and `antt audit`."""

from __future__ import annotations

import re
from pathlib import Path

from antt_desktop.messages.audit import ACTION_LABELS

SOURCE = Path(__file__).resolve().parents[1] / "src" / "antt_desktop"
# An action code passed to the audit repository or named as an *_ACTION constant.
ACTION_CODE = re.compile(r'(?:record\([^)]*?|_ACTION\s*=\s*)"([a-z_]+\.[a-z_]+)"', re.S)


def written_actions() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        found |= set(ACTION_CODE.findall(path.read_text(encoding="utf-8")))
    return found


def test_the_scan_finds_the_actions():
    assert {"member.created", "decision.issued", "certificate.key_created"} <= written_actions()


def test_every_written_action_has_a_vietnamese_label():
    missing = sorted(written_actions() - ACTION_LABELS.keys())
    assert missing == []
