#!/usr/bin/env bash
# Issue 16: the bandwidth workload's copy figure against an independent measurement of the same
# thing in the same run: numpy's np.copyto of the same array size, one thread like mpsbench's
# `--threads 1` cpu backend (memcpy) and torch-cpu (Tensor.copy_). Both count read + written bytes.
# Rounds alternate mpsbench and numpy so drift hits both.
# Usage: scripts/crosscheck/bandwidth-vs-numpy.sh [rounds] [mib...] > docs/bench/bandwidth-vs-numpy.md
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
shift || true
sizes=("${@:-64 256}")
read -r -a sizes <<<"${sizes[*]}"
py=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

node bin/mpsbench.js build --backend cpu >/dev/null

echo "Machine: $(node -e 'console.log(require("os").cpus()[0].model)') × $(nproc), $(uname -sr); date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "Command: scripts/crosscheck/bandwidth-vs-numpy.sh $rounds ${sizes[*]}"
echo
echo "| round | MiB per array | mpsbench cpu GB/s | mpsbench torch-cpu GB/s | numpy np.copyto GB/s | cpu / numpy | verified |"
echo "|---|---|---|---|---|---|---|"
for i in $(seq 1 "$rounds"); do
  for mib in "${sizes[@]}"; do
    node bin/mpsbench.js run --backend cpu,torch-cpu --threads 1 --case "bandwidth op=copy mib=$mib dtype=f32" \
      --out "$tmp/r.json" --force >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    theirs=$("$py" scripts/crosscheck/numpy-copy.py "$mib" 2.0)
    node -e '
      const [r, t, round, mib] = [JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")), JSON.parse(process.argv[2]), process.argv[3], process.argv[4]];
      const by = (b) => r.results.find((c) => c.backend === b);
      const gb = (c) => (c && c.status === "ok" ? (c.throughput.bytes_per_s / 1e9).toFixed(2) : c ? c.status : "—");
      const cpu = by("cpu"), torch = by("torch-cpu"), np = t.bytes_per_s / 1e9;
      const ratio = cpu && cpu.status === "ok" ? `${((100 * cpu.throughput.bytes_per_s) / t.bytes_per_s).toFixed(1)}%` : "—";
      const ok = [cpu, torch].filter(Boolean).map((c) => `${c.backend} ${c.verify ? c.verify.max_rel_err : "—"} over ${c.verify ? c.verify.checked : 0}`).join(", ");
      console.log(`| ${round} | ${mib} | ${gb(cpu)} | ${gb(torch)} | ${np.toFixed(2)} | ${ratio} | ${ok} |`);' \
      "$tmp/r.json" "$theirs" "$i" "$mib"
  done
done
