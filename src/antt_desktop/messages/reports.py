"""Vietnamese sentences for statistics and periodic reports (issue #7)."""

from __future__ import annotations

from antt_desktop.domain.reports import PeriodUnreadable
from antt_desktop.messages import phrases


@phrases(PeriodUnreadable)
def _period_unreadable(error: PeriodUnreadable) -> str:
    return (f"Kỳ báo cáo «{error.text}» không đúng dạng; ghi quý như «2026-Q3» (hoặc «Q3/2026»), "
            "năm như «2026».")
