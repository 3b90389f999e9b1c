#!/usr/bin/env bash
# CI (issue #9): build the one-folder bundle on Linux from a clean state and run its
# `--self-test` offscreen, then start the bundled GUI offscreen for a few seconds, so that
# packaging cannot silently rot. Exits non-zero on any failure.
#
#     bash installer/ci_bundle_check.sh
#
# Uses .venv (made here if missing, as tasks.py would) with the `build` extra installed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v objdump >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  # PyInstaller reads shared libraries with binutils' objdump on Linux.
  SUDO=""
  if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends binutils >/dev/null
fi

VENV_PYTHON=.venv/bin/python
if [ ! -x "$VENV_PYTHON" ]; then
  "${PYTHON:-python3}" -m venv .venv
  "$VENV_PYTHON" -m pip install --quiet --upgrade pip
fi
if ! "$VENV_PYTHON" -c "import PyInstaller" >/dev/null 2>&1; then
  "$VENV_PYTHON" -m pip install --quiet -e ".[build]"
fi

started=$(date +%s)
"$VENV_PYTHON" installer/build.py --no-installer
echo "Thời gian đóng gói: $(( $(date +%s) - started )) giây; dung lượng: $(du -sh dist/antt_desktop | cut -f1)."

BUNDLE=dist/antt_desktop/antt_desktop
DATA_DIR=$(mktemp -d)
trap 'rm -rf "$DATA_DIR"' EXIT

echo "Chạy tự kiểm tra của bản đóng gói (offscreen)…"
if ! QT_QPA_PLATFORM=offscreen ANTT_DATA_DIR="$DATA_DIR/du-lieu" timeout 300 "$BUNDLE" --self-test; then
  echo "LỖI: bản đóng gói không qua được bước tự kiểm tra." >&2
  exit 1
fi
if [ -e "$DATA_DIR/du-lieu" ]; then
  echo "LỖI: tự kiểm tra đã ghi vào thư mục dữ liệu của người dùng." >&2
  exit 1
fi

echo "Mở thử giao diện của bản đóng gói trong 8 giây (offscreen)…"
set +e
QT_QPA_PLATFORM=offscreen ANTT_DATA_DIR="$DATA_DIR/giao-dien" timeout 8 "$BUNDLE" >"$DATA_DIR/gui.log" 2>&1
status=$?
set -e
if [ "$status" != "124" ]; then  # 124: still running when the time ran out, as it should be
  echo "LỖI: giao diện thoát ngay với mã $status:" >&2
  cat "$DATA_DIR/gui.log" >&2
  exit 1
fi
echo "Bản đóng gói đạt: tự kiểm tra và mở giao diện đều được."
