#!/usr/bin/env bash
# check_man_page.sh APP MAN.1.gz: the man page has a subsection for every batch verb that
# `APP --help` lists, holding that verb's own usage line, and names the program's version.
set -euo pipefail
app=$1
page=$(gzip -dc "$2")
missing=0
for verb in $("$app" --help | awk '/^Batch verbs:/{on=1; next} on && NF {print $1}'); do
  usage="avt\\-workbench \\-\\-batch ${verb//-/\\-}" # as roff writes it: \- for each -
  if ! grep -qx ".SS $verb" <<< "$page" || ! grep -qF "$usage" <<< "$page"; then
    echo "man page: no section for verb $verb" >&2
    missing=1
  fi
done
version=$("$app" --version | awk '{print $2}')
grep -qF "$version" <<< "$page" || { echo "man page: version $version missing" >&2; missing=1; }
exit $missing
