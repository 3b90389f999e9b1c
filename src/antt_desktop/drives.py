"""What kind of drive a file sits on: local, removable or network (issue #8); no Qt.

The live database must not sit on a USB stick or a shared folder: pulling the stick or
losing the network mid-write is how SQLite files get damaged. Detection is best effort
per operating system; anything we cannot tell is UNKNOWN, which raises no warning.
Services take the detector as an argument so tests pass their own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from antt_desktop.domain.storage import DriveKind

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs", "9p", "davfs", "fuse.sshfs",
    "sshfs", "fuse.davfs2", "fuse.rclone", "afpfs", "webdav", "glusterfs", "ceph", "lustre",
})


def drive_kind(path: Path) -> DriveKind:
    """The kind of drive holding `path` (which need not exist yet: its folder is used)."""
    try:
        target = _existing(Path(path))
        if sys.platform == "win32":
            return _windows_kind(target)
        if sys.platform == "darwin":
            return _mac_kind(target)
        return _linux_kind(target)
    except Exception:  # noqa: BLE001 — a detector must never stop the program from opening
        return DriveKind.UNKNOWN


def _existing(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path.resolve()


# --- Linux ---------------------------------------------------------------------------------------

def mount_of(path: Path, mounts: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The (device, mount point, type) entry whose mount point holds `path` most closely."""
    best = None
    text = str(path)
    for entry in mounts:
        point = entry[1]
        if text == point or text.startswith(point.rstrip("/") + "/") or point == "/":
            if best is None or len(point) > len(best[1]):
                best = entry
    return best


def _read_mounts() -> list[tuple[str, str, str]]:
    entries = []
    with open("/proc/self/mounts", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 3:
                point = parts[1].replace("\\040", " ")
                entries.append((parts[0], point, parts[2]))
    return entries


def linux_kind_of(path: Path, mounts: list[tuple[str, str, str]], *,
                  sys_block: Path = Path("/sys/class/block")) -> DriveKind:
    entry = mount_of(path, mounts)
    if entry is None:
        return DriveKind.UNKNOWN
    device, point, fstype = entry
    if fstype in NETWORK_FILESYSTEMS or device.startswith("//") or (":" in device and not device.startswith("/")):
        return DriveKind.NETWORK
    if point.startswith(("/media/", "/run/media/", "/mnt/usb")):
        return DriveKind.REMOVABLE
    if device.startswith("/dev/"):
        name = Path(os.path.realpath(device)).name
        block = sys_block / name
        if block.exists():
            resolved = block.resolve()
            disk = resolved if (resolved / "removable").exists() else resolved.parent
            removable = disk / "removable"
            if removable.exists() and removable.read_text().strip() == "1":
                return DriveKind.REMOVABLE
            if "/usb" in str(resolved):
                return DriveKind.REMOVABLE
        return DriveKind.LOCAL
    return DriveKind.LOCAL if fstype in ("ext4", "ext3", "xfs", "btrfs", "zfs", "overlay", "tmpfs") else DriveKind.UNKNOWN


def _linux_kind(path: Path) -> DriveKind:
    return linux_kind_of(path, _read_mounts())


# --- macOS ---------------------------------------------------------------------------------------

def _mac_kind(path: Path) -> DriveKind:
    import subprocess

    output = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5).stdout
    mounts = []
    for line in output.splitlines():  # "//user@server/share on /Volumes/share (smbfs, …)"
        if " on " not in line or " (" not in line:
            continue
        device, rest = line.split(" on ", 1)
        point, options = rest.rsplit(" (", 1)
        mounts.append((device, point, options.split(",")[0].strip()))
    entry = mount_of(path, mounts)
    if entry is None:
        return DriveKind.UNKNOWN
    if entry[2] in NETWORK_FILESYSTEMS:
        return DriveKind.NETWORK
    if entry[1].startswith("/Volumes/"):
        return DriveKind.REMOVABLE
    return DriveKind.LOCAL


# --- Windows -------------------------------------------------------------------------------------

DRIVE_REMOVABLE, DRIVE_FIXED, DRIVE_REMOTE, DRIVE_CDROM = 2, 3, 4, 5
USB_LIKE_BUS_TYPES = {4, 7, 12, 13}      # 1394, USB, SD, MMC (STORAGE_BUS_TYPE)


def _windows_kind(path: Path) -> DriveKind:
    import ctypes

    text = str(path)
    if text.startswith("\\\\") and not text.startswith("\\\\?\\"):
        return DriveKind.NETWORK                     # \\server\share
    root = path.anchor or text[:3]
    drive_type = ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))
    if drive_type == DRIVE_REMOTE:
        return DriveKind.NETWORK
    if drive_type in (DRIVE_REMOVABLE, DRIVE_CDROM):
        return DriveKind.REMOVABLE
    if drive_type == DRIVE_FIXED:
        # An external USB disk reports itself as fixed: ask the bus it hangs on.
        bus = _windows_bus_type(root[:2])
        return DriveKind.REMOVABLE if bus in USB_LIKE_BUS_TYPES else DriveKind.LOCAL
    return DriveKind.UNKNOWN


def _windows_bus_type(drive: str) -> int | None:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32
    kernel32.CreateFileW.restype = wintypes.HANDLE
    handle = kernel32.CreateFileW(f"\\\\.\\{drive}", 0, 3, None, 3, 0, None)  # share r/w, OPEN_EXISTING
    if handle in (None, wintypes.HANDLE(-1).value):
        return None
    try:
        query = (ctypes.c_ulong * 3)(0, 0, 0)          # StorageDeviceProperty, PropertyStandardQuery
        buffer = ctypes.create_string_buffer(1024)
        returned = wintypes.DWORD()
        ioctl_storage_query_property = 0x2D1400
        ok = kernel32.DeviceIoControl(handle, ioctl_storage_query_property, ctypes.byref(query),
                                      ctypes.sizeof(query), buffer, ctypes.sizeof(buffer),
                                      ctypes.byref(returned), None)
        if not ok:
            return None
        # STORAGE_DEVICE_DESCRIPTOR: BusType is the DWORD at offset 28.
        return int.from_bytes(buffer.raw[28:32], "little")
    finally:
        kernel32.CloseHandle(handle)
