"""Backups tab: back up now, to a folder, preview and restore (issue #8)."""
