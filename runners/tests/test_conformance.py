"""Conformance of each framework runner (torch, jax, mlx, tf) through its real protocol: hello, a
small verified case of every workload and dtype it claims, an unclaimed dtype answered
`unsupported`, a malformed line answered with id null, bye and exit 0.

A framework's test runs when an interpreter here imports it (MPSBENCH_PYTHON, this python, or
/usr/bin/python3, as mpsbench picks one) and is skipped, saying so, otherwise. A device the
framework cannot see (hello answers `unsupported`) is skipped with the runner's reason.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

RUNNERS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FRAMEWORKS = {"torch": ("torch", ("cpu", "cuda", "mps")), "jax": ("jax", ("cpu", "cuda", "metal")),
              "mlx": ("mlx.core", ("cpu", "gpu")), "tf": ("tensorflow", ("cpu", "gpu"))}
TOLERANCE = {"f32": 1e-4, "tf32": 5e-3, "f16": 1e-2, "bf16": 2e-2}
CASES = {"matmul": [{"m": 24, "n": 20, "k": 16, "batch": 2, "trans_a": False, "trans_b": True},
                    {"m": 7, "n": 5, "k": 9, "batch": 1, "trans_a": True, "trans_b": False}],
         "conv2d": [{"n": 1, "c": 4, "h": 9, "w": 9, "k": 6, "r": 3, "s": 3, "stride": 1, "pad": 1, "dilation": 1,
                     "groups": 2, "layout": layout} for layout in ("nhwc", "nchw")],
         "train": [{"model": "mlp", "layers": [12, 16, 5], "batch": 4, "lr": 0.01}],
         "attention": [{"batch": 2, "heads": 2, "seq": 9, "kv_seq": 0, "head_dim": 8, "causal": True},
                       {"batch": 1, "heads": 3, "seq": 4, "kv_seq": 11, "head_dim": 16, "causal": False}],
         "bandwidth": [{"op": "copy", "mib": 1}, {"op": "triad", "mib": 1}],
         "infer": [{"model": "mlp", "layers": [12, 16, 5], "batch": 3}]}
BUDGET = {"warmup_s": 0.0, "warmup_min_iters": 1, "target_sample_s": 0.001, "min_samples": 3, "max_samples": 20,
          "min_time_s": 0.0, "max_time_s": 0.2, "rel_ci": 0.05}


def python_with(module):
    """The first interpreter (as mpsbench tries them) that imports `module`, or None."""
    for python in (os.environ.get("MPSBENCH_PYTHON"), sys.executable, "/usr/bin/python3"):
        if python and subprocess.run([python, "-c", "import " + module], cwd="/", capture_output=True,
                                     timeout=300).returncode == 0:
            return python
    return None


class Session:
    """One runner process, spoken to line by line."""

    def __init__(self, python, framework, device):
        script = os.path.join(RUNNERS, framework, "runner.py")
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen([python, script, "--device", device], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr, text=True, bufsize=1)
        self.next_id = 0

    def stderr_tail(self):
        """The last 2 KiB the runner wrote to stderr (for failure messages)."""
        self.stderr.seek(0)
        return self.stderr.read()[-2048:]

    def ask(self, req):
        if isinstance(req, dict):
            req = dict(req, id=self.next_id)
            self.next_id += 1
            req = json.dumps(req)
        self.proc.stdin.write(req + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("the runner ended without replying to %s; its stderr:\n%s" % (req[:200], self.stderr_tail()))
        return json.loads(line)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.stderr.close()


class ConformanceTest(unittest.TestCase):
    def check_framework(self, framework):
        module, devices = FRAMEWORKS[framework]
        python = python_with(module)
        if python is None:
            self.skipTest("%s does not import in any python here (MPSBENCH_PYTHON, %s, /usr/bin/python3): "
                          "the %s runner is not checked" % (module, sys.executable, framework))
        for device in devices:
            with self.subTest(device=device):
                self.check_device(python, framework, device)

    def check_device(self, python, framework, device):
        s = Session(python, framework, device)
        try:
            hello = s.ask({"op": "hello", "protocol": 1})
            if not hello["ok"]:
                self.assertEqual(hello["error"]["kind"], "unsupported", hello)
                self.skipTest("%s-%s: %s" % (framework, device, hello["error"]["message"]))
            self.assertEqual(hello["backend"], "%s-%s" % (framework, device))
            self.assertIn("memory_bytes", hello["device"])
            for workload, dtypes in hello["workloads"].items():
                self.assertTrue(dtypes, "%s lists no dtype" % workload)
                for dtype in dtypes:
                    for params in CASES[workload]:
                        self.check_run(s, workload, dtype, params)
                unclaimed = [d for d in TOLERANCE if d not in dtypes]
                if unclaimed:
                    reply = s.ask({"op": "run", "case": {"workload": workload, "dtype": unclaimed[0],
                                                         "params": CASES[workload][0], "seed": 1}})
                    self.assertEqual(reply["error"]["kind"], "unsupported", reply)
            self.assertEqual(s.ask("{not json")["id"], None)
            self.assertEqual(s.ask({"op": "bye"})["ok"], True)
            self.assertEqual(s.proc.wait(timeout=30), 0)
        finally:
            s.close()

    def check_run(self, s, workload, dtype, params):
        reply = s.ask({"op": "run", "case": {"workload": workload, "dtype": dtype, "params": params, "seed": 3},
                       "budget": BUDGET, "verify": {"samples": 64}})
        label = "%s %s %s" % (workload, dtype, params)
        if not reply["ok"] and reply["error"]["kind"] == "unsupported" and params.get("layout") == "nchw":
            return  # a layout the framework lacks (MLX and TF's CPU path are NHWC only) is a documented refusal
        self.assertTrue(reply["ok"], (label, reply, s.stderr_tail()))
        tolerance = 1e-3 if workload in ("train", "infer") and dtype == "f32" else TOLERANCE[dtype]
        self.assertIsNotNone(reply["verify"]["max_rel_err"], label)
        self.assertLessEqual(reply["verify"]["max_rel_err"], tolerance, label)
        self.assertGreaterEqual(len(reply["samples_ns"]), 3, label)
        self.assertTrue(all(t > 0 for t in reply["samples_ns"]), label)

    def test_torch(self):
        self.check_framework("torch")

    def test_jax(self):
        self.check_framework("jax")

    def test_mlx(self):
        self.check_framework("mlx")

    def test_tf(self):
        self.check_framework("tf")


if __name__ == "__main__":
    unittest.main()
