#!/usr/bin/env bash
# Writes the avt-workbench(1) man page from the program's own --help and --version and every
# batch verb's --help, with help2man (Debian help2man), so the page cannot drift from the program.
# Run by the build (target man); usage: scripts/make-man.sh APP OUT.1
set -euo pipefail
app=$1
out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# roff: a leading dot or apostrophe starts a request, a backslash an escape; \- is a minus sign
# (options), - a hyphen.
escape() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
{
  echo "[NAME]"
  echo "avt-workbench \\- research workbench and batch runner for audio-video transformers (AVT)"
  echo "[DESCRIPTION]"
  echo ".B avt-workbench"
  echo "opens the desktop workbench on WORKSPACE (a folder holding workspace.sqlite and the runs):"
  echo "dataset browser, segment inspector and Grad-CAM viewer. With"
  echo ".B \\-\\-batch VERB"
  echo "it runs a job headless; the verbs and their options follow."
  echo "[BATCH VERBS]"
  "$app" --help | awk '/^Batch verbs:/{on=1; next} on && NF {print $1}' | while read -r verb; do
    echo ".SS $verb"
    echo ".nf"
    "$app" --batch "$verb" --help | grep -v -e '--help-all' | escape
    echo ".fi"
  done
  echo "[EXIT STATUS]"
  echo "Batch verbs exit with 0 when done, 1 when the job failed (the message names the file, row or"
  echo "value and the cause), 2 on bad usage (one line on standard error)."
  echo "[FILES]"
  echo ".TP"
  echo ".I WORKSPACE/workspace.sqlite"
  echo "the run store: datasets, clips, runs, metrics, predictions and artifacts"
  echo ".TP"
  echo ".I ~/.config/AVT Workbench/avt-workbench.conf"
  echo "the workbench's window layout, recent workspaces, language and view settings"
} > "$tmp/include.h2m"
help2man --no-info --no-discard-stderr --section 1 --manual "User Commands" \
  --include "$tmp/include.h2m" --output "$out.tmp" "$app"
mv "$out.tmp" "$out"
