"""Nhập danh sách thành viên từ Excel (issue #7)."""
