#!/usr/bin/env bash
# The whole batch flow from the command line, against the local emulator with injected failures:
#   submit → watch → download → results → retry → submit the retry file → watch
# Each step prints its exit code (`step: exit N`), so you can see what a script would branch on.
#
#   examples/cli-walkthrough.sh [input.batch.jsonl]
#
# BATCH_STUDIO: the command to run (default `batch-studio`; from a checkout: "node dist/cli.js").
# FAIL_RATE (default 0.3), SEED (default 7): the emulator's share of requests answered 500/503, and the
# seed that makes them repeatable. Work happens in a temporary folder; the input is copied there.
set -u

here=$(cd "$(dirname "$0")" && pwd)
input_source=${1:-$here/summarize-articles.batch.jsonl}
read -r -a bs <<<"${BATCH_STUDIO:-batch-studio}"
work=$(mktemp -d "${TMPDIR:-/tmp}/batch-studio-walkthrough.XXXXXX")
export BATCH_STUDIO_DATA_DIR=$work/data

# 1. A local emulator: one request in FAIL_RATE fails with 500/503; the 24-hour window lasts a second.
"${bs[@]}" emulator --fail-rate "${FAIL_RATE:-0.3}" --seed "${SEED:-7}" --time-scale 86400 >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null; wait "$emulator" 2>/dev/null' EXIT
for _ in $(seq 100); do
  url=$(sed -n 's/^Batch emulator listening on //p' "$work/emulator.log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "the emulator did not start: $(cat "$work/emulator.log")" >&2; exit 2; }
connection=(--base-url "$url" --kind emulator)

step() { # step NAME COMMAND...: runs it, keeps its stdout in $out, prints the exit code
  local name=$1
  shift
  out=$("$@")
  code=$?
  echo "$name: exit $code"
}

input=$work/$(basename "$input_source")
cp "$input_source" "$input"

step submit "${bs[@]}" submit "$input" "${connection[@]}"
batch=$(tail -n 1 <<<"$out")

step watch "${bs[@]}" watch "$batch" "${connection[@]}" --interval 0.2
step download "${bs[@]}" download "$batch" "${connection[@]}"
output=$(grep '\.results\.jsonl$' <<<"$out")
errors=$(grep '\.errors\.jsonl$' <<<"$out")
echo "output file: $output"
echo "error file: ${errors:-none}"

step results "${bs[@]}" results "$input" "$output" ${errors:+"$errors"}
head -n 3 <<<"$out"

step retry "${bs[@]}" retry "$input" "$output" ${errors:+"$errors"}
retry_file=$out
echo "retry file: $retry_file"

step submit-retry "${bs[@]}" submit "$retry_file" "${connection[@]}"
retry_batch=$(tail -n 1 <<<"$out")

step watch-retry "${bs[@]}" watch "$retry_batch" "${connection[@]}" --interval 0.2
echo "files are in $work"
