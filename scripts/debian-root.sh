# Sourced by the chroot checks (libtorch2-check.sh, deb-check.sh), not run.
# debootstrap_root SUITE DIR NAME: a minimal Debian SUITE root in DIR.partial (debootstrap
# minbase with ca-certificates; installs debootstrap when missing); the log goes next to DIR.
# NAME prefixes the messages. Exits the caller on failure.
debootstrap_root() {
  local suite=$1 dir=$2 name=$3
  local log
  log="$(dirname "$dir")/debootstrap-$suite.log"
  command -v debootstrap > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap > /dev/null
  rm -rf "$dir.partial"
  mkdir -p "$(dirname "$dir")"
  debootstrap --variant=minbase --include=ca-certificates "$suite" "$dir.partial" http://deb.debian.org/debian \
    > "$log" 2>&1 || { tail -20 "$log"; echo "$name: debootstrap failed" >&2; exit 1; }
}
