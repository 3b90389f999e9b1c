"""The higher unit (aggregator mode) only looks at the communes' data: the pages over it keep their
write buttons disabled, each saying why, because a commune corrects its own data and sends a new
package (QA finding 4)."""

from __future__ import annotations

from antt_desktop.domain.people import UnitMode

AGGREGATOR_READ_ONLY = "Dữ liệu của các xã chỉ xem ở cấp trên; xã sửa rồi gửi gói mới."


def is_aggregator(services) -> bool:
    """True when this installation is the higher unit (own unit in aggregator mode)."""
    unit = services.units.own_unit()
    return unit is not None and unit.mode is UnitMode.AGGREGATOR


def set_writable(widget, enabled: bool, aggregator: bool) -> None:
    """Enable a write button as its page decides, except at the higher unit, where it stays disabled
    with the reason as its tooltip (the button's own tooltip comes back otherwise)."""
    if widget.property("antt_tooltip") is None:
        widget.setProperty("antt_tooltip", widget.toolTip())
    widget.setEnabled(enabled and not aggregator)
    widget.setToolTip(AGGREGATOR_READ_ONLY if aggregator else widget.property("antt_tooltip"))
