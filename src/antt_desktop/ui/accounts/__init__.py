"""Accounts: log-in, first administrator, idle lock, users tab (issue #8)."""
