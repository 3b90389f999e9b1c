"""Audit tab: the read-only log with filters, difference and export (issue #8)."""
