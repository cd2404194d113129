#!/usr/bin/env python3
"""Helper of scripts/crosscheck/jax-vs-cuda.sh: what XLA compiled, and the jax-cuda vs cuda table.

  jax-vs-cuda.py xla DUMPDIR > xla-modules.txt
      one line per jit module XLA compiled for the GPU (its after-optimizations HLO dump): the
      module, its parameter shapes, the library calls it makes (cuBLAS, cuDNN, Triton fusions)
      with the algorithm fields XLA recorded, and how many transposes/copies it added.
  jax-vs-cuda.py table GPU.json CPU.json XLA.txt [--command CMD]
      the Markdown table: for each case, cuda and jax-cuda medians from the same run, the
      difference (target: within 5%), the native runner's algorithm and XLA's; then jax-cpu's
      verification. Exit status 1 when a case misses the target or fails verification.

Standard library only.
"""
import glob
import json
import os
import re
import sys

TARGET = 0.05
PARAM = re.compile(r"=\s*(f32|f16|bf16|s32|pred)\[([0-9,]*)\]\S*\s+parameter\((\d+)\)")
CALL = re.compile(r'custom_call_target="([^"]+)"')
FUSION_KIND = re.compile(r'"kind":"(__[A-Za-z_$]+)"')
FIELDS = re.compile(r'"(algo_id|math_type|selected_algorithm|block_m|block_n|block_k|split_k|num_stages|num_warps)":"?([A-Za-z0-9_-]+)"?')
PRECISION = re.compile(r'"operand_precision":\["(\w+)"')
RESHAPES = re.compile(r"=\s*\S+\s+(transpose|copy)\(")


def module_summary(path):
    """(name, parameter shapes, calls, transposes+copies) of one after-optimizations HLO dump."""
    text = open(path, encoding="utf-8", errors="replace").read()
    name = os.path.basename(path).split(".")[1] if "." in os.path.basename(path) else os.path.basename(path)
    entry = text[text.find("\nENTRY"):] if "\nENTRY" in text else ""
    found = sorted((int(i), "%s[%s]" % (t, dims)) for t, dims, i in PARAM.findall(entry.split("\n}", 1)[0]))
    params = [shape for _, shape in found]
    calls = []
    for line in text.splitlines():
        targets = CALL.findall(line) + FUSION_KIND.findall(line)
        if not targets:
            continue
        fields = dict(FIELDS.findall(line))
        fields.update(("precision", p) for p in PRECISION.findall(line)[:1])
        detail = ",".join("%s=%s" % kv for kv in sorted(fields.items()))
        calls.extend("%s{%s}" % (t, detail) if detail else t for t in targets)
    return name, params, calls, len(RESHAPES.findall(text))


def xla(dump_dir):
    """Prints one line per GPU module: name | params | calls | reshapes."""
    files = sorted(glob.glob(os.path.join(dump_dir, "*gpu_after_optimizations.txt")))
    for path in files:
        name, params, calls, reshapes = module_summary(path)
        print("%s | %s | %s | %d transpose/copy" % (name, " ".join(params), " ".join(calls) or "no library call", reshapes))
    if not files:
        print("no GPU after-optimizations dumps in %s" % dump_dir)


def case_shapes(c):
    """The operand shapes the JAX runner passes for a case, as XLA prints them."""
    p, dt = c["params"], {"f32": "f32", "tf32": "f32", "f16": "f16", "bf16": "bf16"}[c["dtype"]]
    if c["workload"] == "matmul":
        a = (p["batch"], p["k"], p["m"]) if p["trans_a"] else (p["batch"], p["m"], p["k"])
        b = (p["batch"], p["n"], p["k"]) if p["trans_b"] else (p["batch"], p["k"], p["n"])
        return ["%s[%s]" % (dt, ",".join(map(str, s))) for s in (a, b)]
    if c["workload"] == "conv2d":
        nhwc = p["layout"] == "nhwc"
        x = (p["n"], p["h"], p["w"], p["c"]) if nhwc else (p["n"], p["c"], p["h"], p["w"])
        w = (p["r"], p["s"], p["c"] // p["groups"], p["k"]) if nhwc else (p["k"], p["c"] // p["groups"], p["r"], p["s"])
        return ["%s[%s]" % (dt, ",".join(map(str, s))) for s in (x, w)]
    return None


def xla_choice(c, modules):
    """XLA's library calls for the case's jit module (the last compile with its operand shapes)."""
    shapes = case_shapes(c)
    if shapes is None:
        return "—"
    hits = [m for m in modules if m[1].split() == shapes]
    if c["dtype"] in ("f32", "tf32") and any("precision=" in m[2] for m in hits):  # f32 and tf32 share shapes
        hits = [m for m in hits if ("precision=HIGHEST" in m[2]) == (c["dtype"] == "f32")]
    return hits[-1][2] + ("; %s" % hits[-1][3] if hits[-1][3] != "0 transpose/copy" else "") if hits else "no dump matched"


def fmt(s):
    return "—" if s is None else ("%.3f ms" % (s * 1e3) if s >= 1e-3 else "%.1f µs" % (s * 1e6))


def ok_median(c):
    return c["stats"]["median_s"] if c and c.get("status") == "ok" and (c.get("verify") or {}).get("passed") else None


def native_algo(c):
    for launch in (c or {}).get("launches", []):
        algo = (launch.get("info") or {}).get("algo")
        if algo:
            return str(algo)
    return "—"


def table(gpu_path, cpu_path, xla_path, command):
    gpu, cpu = json.load(open(gpu_path)), json.load(open(cpu_path))
    modules = [tuple(part.strip() for part in line.split(" | ")) for line in open(xla_path) if line.count(" | ") == 3]
    by = {(c["backend"], c["spec"]): c for c in gpu["results"]}
    runner = gpu["env"]["runners"].get("jax-cuda", {})
    libs = runner.get("libraries", {})
    print("# jax-cuda against the native cuda backend\n")
    native = gpu["env"]["runners"].get("cuda", {}).get("libraries") or {}
    print("Host: %s · jax %s (%s) · cuda runner on %s · %s · `%s`\n" % (
        runner.get("device", {}).get("name", "?"), libs.get("jax", "?"),
        ", ".join("%s %s" % (k, v) for k, v in libs.items() if "plugin" in k or k == "platform"),
        ", ".join("%s %s" % kv for kv in native.items()), gpu["created"], command))
    print("| case | cuda | jax-cuda | jax vs cuda | within 5% | cuda's algorithm | XLA's choice |")
    print("|---|---:|---:|---:|:---:|---|---|")
    misses = 0
    for c in gpu["results"]:
        if c["backend"] != "cuda" or c["workload"] not in ("matmul", "conv2d", "train"):
            continue
        j = by.get(("jax-cuda", c["spec"]))
        ours, theirs = ok_median(c), ok_median(j)
        if ours is None or theirs is None:
            verdict, diff = "✗ (%s / %s)" % (c["status"], j["status"] if j else "missing"), "—"
            misses += c["workload"] != "train"
        else:
            d = (theirs - ours) / ours
            target = c["workload"] != "train"
            verdict = ("✓" if abs(d) <= TARGET else "✗") if target else "(no target)"
            misses += target and abs(d) > TARGET
            diff = "%+.1f%%" % (d * 100)
        print("| `%s` | %s | %s | %s | %s | %s | %s |" % (c["spec"], fmt(ours), fmt(theirs), diff, verdict,
                                                      native_algo(c), xla_choice(j or c, modules)))
    print("\n## jax-cpu (verification end to end)\n")
    print("| case | status | max rel err | median |")
    print("|---|---|---:|---:|")
    for c in cpu["results"]:
        v = c.get("verify") or {}
        print("| `%s` | %s%s | %s | %s |" % (c["spec"], c["status"], "" if v.get("passed") else " (verification failed)",
                                           v.get("max_rel_err", "—"), fmt(ok_median(c))))
        misses += not (c["status"] == "ok" and v.get("passed"))
    print("\n%d case(s) missed the 5%% target or failed. Medians are per-iteration times by each runner's sample "
          "timer: CUDA events for cuda; for jax-cuda the host clock around iters_per_sample asynchronous dispatches "
          "and one block_until_ready (a sample lasts >= 20 ms, so that one synchronisation is amortised)." % misses)
    return 1 if misses else 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "xla":
        xla(argv[1])
        return 0
    if len(argv) >= 4 and argv[0] == "table":
        command = argv[argv.index("--command") + 1] if "--command" in argv else "scripts/crosscheck/jax-vs-cuda.sh"
        return table(argv[1], argv[2], argv[3], command)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
