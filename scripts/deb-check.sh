#!/usr/bin/env bash
# Installs the Debian package on a clean Debian 12 root and tries it there, as a user would:
# `apt install ./avt-workbench_*.deb` (dependencies resolved from Debian), then
# `avt-workbench --version`, `--batch flops`, `man -w avt-workbench`, the demo dataset made,
# imported and trained for one epoch with avt-tiny by the installed binary, and the workbench
# window opened on that workspace (offscreen). Also runs lintian on
# the package (errors and warnings fail). Needs root (debootstrap, chroot), like
# scripts/libtorch2-check.sh.
#
# A minimal Debian 12 root is made once (debootstrap, AVT_BOOKWORM_ROOT, default
# /var/cache/avt-workbench/bookworm) and never changed; each check copies it and installs into
# the copy. Downloaded .debs are kept between checks (…/bookworm-apt) so later runs download
# only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/debian-root.sh
if [ "$(id -u)" != 0 ]; then
  command -v sudo > /dev/null && exec sudo --preserve-env=AVT_BOOKWORM_ROOT,AVT_BUILD_DIR "$0" "$@"
  echo "deb-check: needs root (debootstrap and chroot), and sudo is not installed" >&2
  exit 1
fi
t0=$(date +%s)
deb=$(scripts/make-deb.sh | tail -1)
command -v lintian > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lintian > /dev/null
echo "deb-check: lintian $(basename "$deb")"
lint=0
lintian --fail-on error,warning --tag-display-limit 0 "$deb" > "$(dirname "$deb")/lintian.log" 2>&1 || lint=$?
grep -v "root privileges" "$(dirname "$deb")/lintian.log" || true
[ "$lint" = 0 ] || { echo "deb-check: lintian reports errors or warnings" >&2; exit 1; }

base=${AVT_BOOKWORM_ROOT:-/var/cache/avt-workbench/bookworm}
if [ ! -f "$base/.avt-ready" ]; then
  echo "deb-check: making a minimal Debian 12 root in $base"
  debootstrap_root bookworm "$base" deb-check
  touch "$base.partial/.avt-ready"
  rm -rf "$base"
  mv "$base.partial" "$base"
fi
root=$base-test
archives=$base-apt
umount "$root/proc" 2> /dev/null || true
rm -rf "$root"
cp -a "$base" "$root"
mkdir -p "$archives"
cp -a "$archives/." "$root/var/cache/apt/archives/" 2> /dev/null || true
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2> /dev/null || true' EXIT

echo "deb-check: apt install ./$(basename "$deb") (and man-db, to read the man page)"
chroot "$root" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q ./tmp/$(basename "$deb") man-db > /var/log/avt-install.log 2>&1" \
  || { tail -30 "$root/var/log/avt-install.log"; echo "deb-check: apt install failed" >&2; exit 1; }
grep -E "^(Setting up|Unpacking) avt-workbench" "$root/var/log/avt-install.log" | head -2
echo "deb-check: $(grep -c '^Setting up' "$root/var/log/avt-install.log") packages set up"
cp -a "$root/var/cache/apt/archives/"*.deb "$archives/" 2> /dev/null || true

chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 /bin/bash -c '
  set -euo pipefail
  echo "== avt-workbench --version"; avt-workbench --version
  echo "== avt-workbench --batch flops"; avt-workbench --batch flops --preset avt-tiny
  echo "== man -w avt-workbench"; man -w avt-workbench
  man avt-workbench 2> /dev/null | grep -q "gradcam-check" || { echo "man page lacks the verbs" >&2; exit 1; }
  test -f /usr/share/applications/org.avtworkbench.AvtWorkbench.desktop
  test -f /usr/share/metainfo/org.avtworkbench.AvtWorkbench.metainfo.xml
  test -f /usr/share/icons/hicolor/48x48/apps/org.avtworkbench.AvtWorkbench.png
  echo "== make-demo-dataset, import-dataset, one epoch of avt-tiny"
  avt-workbench --batch make-demo-dataset --out /tmp/demo --clips-per-class 4 --seed 1 --progress none
  avt-workbench --batch import-dataset --workspace /tmp/ws --format csv --name drumart10 /tmp/demo/drumart10.csv \
    --progress none
  avt-workbench --batch train --workspace /tmp/ws --dataset drumart10 --name deb-check \
    --set model.preset=avt-tiny --set data.clip_seconds=3 --set optim.batch=4 --set optim.epochs=1 --progress lines
  avt-workbench --batch runs list --workspace /tmp/ws
  echo "== the workbench on that workspace (offscreen platform, stopped after 15 s)"
  rc=0
  QT_QPA_PLATFORM=offscreen timeout 15 avt-workbench /tmp/ws 2> /tmp/gui.log || rc=$?
  [ "$rc" = 124 ] || { cat /tmp/gui.log; echo "the workbench exited with status $rc" >&2; exit 1; }
  # It records a workspace in its recent list once it has opened it.
  grep -q "^recentWorkspaces=/tmp/ws" "/root/.config/AVT Workbench/avt-workbench.conf" \
    || { cat /tmp/gui.log; echo "the workbench did not open /tmp/ws" >&2; exit 1; }
  echo "running after 15 s, with /tmp/ws open"'
echo "deb-check: the package installs on a clean Debian 12 root and runs there ($(( $(date +%s) - t0 )) s)"
