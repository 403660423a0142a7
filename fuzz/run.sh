#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for a fixed time each, one after the other:
#
#   fuzz/run.sh [--seconds N] [--sanitizer none|address] [TARGET ...] [-- LIBFUZZER_OPTION ...]
#
# Options after `--` go to libFuzzer (for example `-- -len_control=0`, long inputs at once).
# Installs cargo-fuzz when it is missing. libFuzzer needs nightly compiler flags: a `nightly`
# rustup toolchain is used when there is one, otherwise the stable compiler with
# RUSTC_BOOTSTRAP=1 (which unlocks the same flags). A crash, a hang (an input that takes longer
# than the timeout) or an input that needs more memory than the limit stops that target and
# leaves the input under fuzz/artifacts/<target>/; the script goes on with the next target and
# fails at the end. The inputs found interesting are kept in fuzz/corpus-grown/<target>/ (not
# committed) and the next run starts from them and from the committed seeds in
# fuzz/corpus/<target>/.
#
# The build goes to $CARGO_TARGET_DIR/fuzz when CARGO_TARGET_DIR is set, else fuzz/target.
set -euo pipefail
script="$(realpath "$0")"
cd "$(dirname "$script")"

seconds=60
# The address sanitizer finds memory errors, which the project's code (no `unsafe`) cannot
# cause; without it the targets run more inputs in the same time.
sanitizer=none
targets=()
extra_options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; extra_options=("$@"); break ;;
    --seconds) seconds="$2"; shift 2 ;;
    --sanitizer) sanitizer="$2"; shift 2 ;;
    -h | --help) sed -n '2,16p' "$script"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  targets=(html_page_import rst_page_import spec_generate spec_generate_standalone)
fi

# Per input: 10 s is a hang (the largest seed takes milliseconds); 2 GiB is unbounded memory
# (an input is at most 64 KiB). A single allocation above the limit is a finding too.
timeout_seconds=10
rss_limit_mb=2048
max_len=65536

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi

target_dir="${CARGO_TARGET_DIR:+$CARGO_TARGET_DIR/fuzz}"
target_dir="${target_dir:-target}"
fuzz_options=(--sanitizer "$sanitizer" --debug-assertions --target-dir "$target_dir")

cargo "${toolchain[@]}" fuzz build "${fuzz_options[@]}"

# The tokens each target's inputs are made of (libFuzzer splices them into inputs).
dictionary_of() {
  case "$1" in
    html_page_import) echo html.dict ;;
    rst_page_import) echo rst.dict ;;
    spec_generate | spec_generate_standalone) echo spec.dict ;;
  esac
}

# The committed seeds of each target: both spec targets start from the same specs.
seeds_of() {
  case "$1" in
    spec_generate_standalone) echo corpus/spec_generate ;;
    *) echo "corpus/$1" ;;
  esac
}

failed=()
summary=()
for target in "${targets[@]}"; do
  mkdir -p "corpus-grown/$target" "artifacts/$target"
  log="artifacts/$target/last-run.log"
  echo "=== $target: $seconds s"
  # The full log goes to the file; the terminal gets the start, the end and any finding.
  set +e
  cargo "${toolchain[@]}" fuzz run "${fuzz_options[@]}" "$target" \
    "corpus-grown/$target" "$(seeds_of "$target")" -- \
    -max_total_time="$seconds" -timeout="$timeout_seconds" -rss_limit_mb="$rss_limit_mb" \
    -max_len="$max_len" -dict="dictionaries/$(dictionary_of "$target")" -print_final_stats=1 ${extra_options[@]+"${extra_options[@]}"} 2>&1 | tee "$log" |
    grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|==[0-9]+==|SUMMARY|Done|stat::number_of_executed_units|thread .* panicked|artifact_prefix|Test unit written)'
  status=${PIPESTATUS[0]}
  set -e
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  summary+=("$target: ${executions:-?} executions in $seconds s, exit status $status")
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
  fi
done

echo "=== summary"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "findings in: ${failed[*]} (inputs under fuzz/artifacts/<target>/, logs in artifacts/<target>/last-run.log)"
  exit 1
fi
