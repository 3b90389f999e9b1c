"""Which drive the database sits on (issue #8): the Linux rules on made-up mount tables."""

from __future__ import annotations

from pathlib import Path

from antt_desktop.domain.storage import DriveKind
from antt_desktop.drives import drive_kind, linux_kind_of, mount_of

MOUNTS = [
    ("/dev/sda2", "/", "ext4"),
    ("/dev/sda1", "/boot/efi", "vfat"),
    ("//server/chung", "/mnt/chung", "cifs"),
    ("nas:/export", "/srv/nas", "nfs4"),
    ("/dev/sdb1", "/media/canbo/USB 8GB", "vfat"),
    ("/dev/sdc1", "/data", "ext4"),
    ("tmpfs", "/tmp", "tmpfs"),
]


def block_tree(root: Path) -> Path:
    """/sys/class/block with sda (fixed) and sdc (a USB disk that says removable=1)."""
    devices = root / "devices"
    for disk, removable in (("sda", "0"), ("sdc", "1")):
        (devices / disk / f"{disk}1").mkdir(parents=True)
        (devices / disk / "removable").write_text(removable)
    block = root / "class_block"
    block.mkdir()
    for disk in ("sda", "sdc"):
        (block / disk).symlink_to(devices / disk)
        (block / f"{disk}1").symlink_to(devices / disk / f"{disk}1")
    return block


def test_the_closest_mount_point_wins():
    assert mount_of(Path("/media/canbo/USB 8GB/antt.sqlite"), MOUNTS)[1] == "/media/canbo/USB 8GB"
    assert mount_of(Path("/home/canbo/antt.sqlite"), MOUNTS)[1] == "/"
    assert mount_of(Path("/database"), MOUNTS)[1] == "/"            # not "/data"


def test_linux_drive_kinds(tmp_path):
    block = block_tree(tmp_path)
    kind = lambda text: linux_kind_of(Path(text), MOUNTS, sys_block=block)   # noqa: E731
    assert kind("/mnt/chung/antt.sqlite") is DriveKind.NETWORK
    assert kind("/srv/nas/antt.sqlite") is DriveKind.NETWORK
    assert kind("/media/canbo/USB 8GB/antt.sqlite") is DriveKind.REMOVABLE
    assert kind("/home/canbo/antt.sqlite") is DriveKind.LOCAL
    assert kind("/data/antt.sqlite") is DriveKind.REMOVABLE                 # its disk says removable


def test_the_real_detector_never_raises(tmp_path):
    assert drive_kind(tmp_path / "chua-co" / "antt.sqlite") in set(DriveKind)
