"""Unit tests of runners/core with no framework installed (standard library and numpy only).

Run: python3 -m unittest discover -s runners/tests   (npm run test:python)
"""
import contextlib
import io
import json
import math
import os
import subprocess
import sys
import time
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[0:0] = [os.path.dirname(HERE), HERE]
from core import generator, timing, verify, workloads  # noqa: E402
from core.errors import RunnerError  # noqa: E402
from numpy_backend import Backend  # noqa: E402
from core.channel import Unavailable, serve  # noqa: E402
from core.protocol import Runner  # noqa: E402

# protocol.md §4, seed 1: (stream, i, bits, value · 2^23)
VECTORS = [(1, 0, 0x077CA23776407269, -7897950), (1, 1, 0x5BDE7A3C07235958, -2367878),
           (1, 1000, 0xF98E27D8875F64DA, 7966247), (2, 0, 0xFCFE2B4E8E5E5BD5, 8191531),
           (2, 1, 0x5DBF6B12769405E3, -2244757), (2, 1000, 0x3ED5DEED80925EC4, -4270626)]


class GeneratorTest(unittest.TestCase):
    def test_scalar_and_array_paths_match_the_protocol_vectors(self):
        for stream, i, bits, scaled in VECTORS:
            self.assertEqual(generator.bits(1, stream, i), bits)
            self.assertEqual(generator.value(1, stream, i) * 2 ** 23, scaled)
            self.assertEqual(int(generator.bits_array(1, stream, i, 1)[0]), bits)
            self.assertEqual(generator.values(1, stream, i + 1)[i], generator.value(1, stream, i))

    def test_vectors_output_agrees_with_itself(self):
        for row in generator.vectors():
            self.assertEqual(row["bits"], row["bits_tensor"])
            self.assertEqual(row["value"], row["value_tensor"])

    def test_chunked_generation_equals_the_scalar_definition(self):
        old = generator.CHUNK
        generator.CHUNK = 7
        try:
            got = generator.values(3, 5, 30)
        finally:
            generator.CHUNK = old
        self.assertEqual(list(got), [generator.value(3, 5, i) for i in range(30)])

    def test_f16_and_bf16_round_once_to_nearest_even(self):
        # Halfway cases of bf16 (8 significant bits) and f16 (11) that a double rounding through
        # f32 would get wrong, and plain ties that go to the even neighbour.
        cases = {"bf16": [(1 + 2 ** -8, 1.0), (1 + 3 * 2 ** -8, 1 + 2 ** -6), (1 + 2 ** -8 + 2 ** -30, 1 + 2 ** -7)],
                 "f16": [(1 + 2 ** -11, 1.0), (1 + 3 * 2 ** -11, 1 + 2 ** -9), (1 + 2 ** -11 + 2 ** -40, 1 + 2 ** -10)]}
        for dtype, pairs in cases.items():
            got = generator.round_to(np.array([v for v, _ in pairs] + [-v for v, _ in pairs]), dtype)
            self.assertEqual(list(got), [r for _, r in pairs] + [-r for _, r in pairs], dtype)

    def test_generate_scales_in_float64_then_rounds(self):
        scale = math.sqrt(6.0 / 7)
        got = generator.generate(1, 11, (2, 3), "f32", scale)
        self.assertEqual(got.shape, (2, 3))
        self.assertEqual(got.dtype, np.float32)
        self.assertEqual(float(got[1, 2]), float(np.float32(generator.value(1, 11, 5) * scale)))

    def test_labels_are_bits_of_stream_2_mod_classes(self):
        self.assertEqual(list(generator.labels(1, 5, 10)), [generator.bits(1, 2, b) % 10 for b in range(5)])


class FakeClock:
    """A clock that advances by the durations the fake batch reports."""

    def __init__(self):
        self.now = 0

    def __call__(self):
        return self.now


def fake_batch(clock, per_iter_ns, device=False):
    calls = []

    def batch(iters):
        calls.append(iters)
        clock.now += iters * per_iter_ns
        return iters * per_iter_ns, (iters * per_iter_ns / 2 if device else None)

    return batch, calls


class TimingTest(unittest.TestCase):
    def test_defaults_and_bad_budgets(self):
        self.assertEqual(timing.parse_budget(None), timing.BUDGET_DEFAULTS)
        self.assertEqual(timing.parse_budget({"min_samples": 3})["min_samples"], 3)
        for bad in ({"rel_ci": -1}, {"max_time_s": float("inf")}, {"min_samples": True}, {"warmup_s": "1"}, []):
            with self.assertRaises(RunnerError):
                timing.parse_budget(bad)

    def test_ci_rule_uses_order_statistics_and_is_strict(self):
        self.assertTrue(timing.median_ci_within([100.0] * 10, 0.01))
        samples = sorted([100.0] * 9 + [200.0])
        self.assertEqual(timing.median(samples), 100.0)
        self.assertEqual(timing.median([1.0, 2.0, 3.0, 4.0]), 2.5)
        # n = 10: ranks floor(5 − 3.1) = 1 and ceil(5 + 3.1) = 9, clamped to the last sample
        self.assertFalse(timing.median_ci_within(samples, 0.5))
        spread = [50.0] + [100.0] * 8 + [100.5]  # rank 0 lies outside the interval
        self.assertFalse(timing.median_ci_within(spread, 0.005))  # 0.5 < 0.005 × 100 is false
        self.assertTrue(timing.median_ci_within(spread, 0.0051))

    def test_stopping_rule(self):
        b = dict(timing.BUDGET_DEFAULTS, min_samples=3, max_samples=5, min_time_s=1, max_time_s=2)
        flat = [1.0] * 4
        self.assertFalse(timing.should_stop(b, flat[:2], 10))  # min_samples is a floor even past max_time_s
        self.assertFalse(timing.should_stop(b, flat[:3], 0.5))  # before min_time_s
        self.assertTrue(timing.should_stop(b, flat[:3], 1.0))   # tight CI once min_time_s passed
        self.assertTrue(timing.should_stop(b, [1.0, 5.0, 9.0, 9.5, 20.0], 0.1))  # max_samples before min_time_s
        self.assertTrue(timing.should_stop(b, [1.0, 5.0, 9.0], 2.0))              # max_time_s

    def test_measure_warms_up_calibrates_and_samples(self):
        clock = FakeClock()
        batch, calls = fake_batch(clock, 1_000_000)  # 1 ms per iteration
        b = dict(timing.BUDGET_DEFAULTS, warmup_s=0.005, warmup_min_iters=2)
        reply = timing.measure(b, batch, clock)
        self.assertEqual(reply["timer"], "wall")
        self.assertEqual(reply["warmup"], {"iters": 5, "first_ns": 1_000_000, "total_ns": 5_000_000})
        self.assertEqual(reply["iters_per_sample"], 20)  # ceil(20 ms / 1 ms)
        self.assertEqual(calls[:5], [1] * 5)
        self.assertTrue(all(c == 20 for c in calls[5:]))
        # identical samples: the CI is tight as soon as min_samples and min_time_s (0.25 s) are met
        self.assertEqual(len(reply["samples_ns"]), 13)
        self.assertNotIn("wall_samples_ns", reply)

    def test_measure_with_a_device_timer_reports_both_clocks(self):
        clock = FakeClock()
        batch, _ = fake_batch(clock, 1_000_000, device=True)
        reply = timing.measure(dict(timing.BUDGET_DEFAULTS, warmup_s=0, warmup_min_iters=1), batch, clock)
        self.assertEqual(reply["timer"], "gpu")
        self.assertEqual(reply["iters_per_sample"], 40)  # calibrated on the device time, 0.5 ms
        self.assertEqual(len(reply["wall_samples_ns"]), len(reply["samples_ns"]))
        self.assertEqual(reply["samples_ns"][0] * 2, reply["wall_samples_ns"][0])

    def test_timing_model_defaults_to_streamed_and_refuses_others(self):
        self.assertEqual(timing.parse_timing(None), "streamed")
        self.assertEqual(timing.parse_timing("isolated"), "isolated")
        for bad in ("burst", 1, True, ["isolated"]):
            with self.assertRaises(RunnerError):
                timing.parse_timing(bad)

    def test_isolated_timing_samples_one_synchronised_iteration_each(self):
        clock = FakeClock()
        batch, calls = fake_batch(clock, 1_000_000, device=True)
        b = dict(timing.BUDGET_DEFAULTS, warmup_s=0.005, warmup_min_iters=2)
        reply = timing.measure(b, batch, clock, timing="isolated")
        self.assertEqual((reply["timing"], reply["iters_per_sample"]), ("isolated", 1))
        self.assertTrue(all(c == 1 for c in calls))
        self.assertEqual(len(reply["wall_samples_ns"]), len(reply["samples_ns"]))
        other = FakeClock()
        self.assertEqual(timing.measure(b, fake_batch(other, 1_000_000)[0], other)["timing"], "streamed")

    def test_timed_batch_syncs_around_the_steps(self):
        log = []
        run = timing.timed_batch(lambda: log.append("step"), lambda: log.append("sync"))
        wall, dev = run(3)
        self.assertEqual(log, ["sync", "step", "step", "step", "sync"])
        self.assertGreater(wall, 0)
        self.assertIsNone(dev)

    def test_timed_batch_keeps_the_timer_reads_out_of_the_wall_interval(self):
        log = []

        class Timer:
            def start(self):
                log.append("start")

            def stop(self):
                log.append("stop")

            def elapsed(self):
                log.append("elapsed")
                return 7.0

        run = timing.timed_batch(lambda: log.append("step"), lambda: log.append("sync"), Timer())
        real_clock, ticks = timing.time.perf_counter_ns, iter(range(0, 1000, 10))
        timing.time.perf_counter_ns = lambda: log.append("clock") or next(ticks)
        try:
            wall, dev = run(2)
        finally:
            timing.time.perf_counter_ns = real_clock
        # the wall clock brackets the steps, the stop event's record and the sync, as a caller's own
        # `step(); sync()` does; the start record and the elapsed-time read lie outside it
        self.assertEqual(log, ["sync", "start", "clock", "step", "step", "stop", "sync", "clock", "elapsed"])
        self.assertEqual((wall, dev), (10, 7.0))


class VerifyTest(unittest.TestCase):
    def test_checked_indices(self):
        idx = verify.checked_indices(1, 4, 1000)
        self.assertEqual(list(idx), [0, 999] + [generator.bits(1, 99, j) % 1000 for j in range(4)])

    def matmul(self, trans_a, trans_b):
        p = {"m": 5, "n": 4, "k": 3, "batch": 2, "trans_a": trans_a, "trans_b": trans_b}
        a = generator.generate(1, 1, (2, 3, 5) if trans_a else (2, 5, 3), "f32")
        b = generator.generate(1, 2, (2, 4, 3) if trans_b else (2, 3, 4), "f32")
        op = lambda t, tr: np.swapaxes(t, 1, 2) if tr else t
        return p, a, b, np.matmul(op(a, trans_a).astype(np.float64), op(b, trans_b).astype(np.float64))

    def test_matmul_exact_output_passes_and_a_wrong_element_is_caught(self):
        for ta in (False, True):
            for tb in (False, True):
                p, a, b, c = self.matmul(ta, tb)
                stats = verify.verify_matmul(verify.HostOutput(c), p, 1, 64, a, b)
                self.assertLess(stats.max_rel_err, 1e-15)
                self.assertEqual(stats.checked, 66)
                c[-1, -1, -1] += 0.5  # the last element is always checked
                self.assertGreater(verify.verify_matmul(verify.HostOutput(c), p, 1, 64, a, b).max_rel_err, 0.01)

    def test_nonfinite_output_gives_null(self):
        p, a, b, c = self.matmul(False, False)
        c[0, 2, 1] = np.nan
        report = verify.verify_matmul(verify.HostOutput(c), p, 1, 4, a, b).to_json()
        self.assertIsNone(report["max_rel_err"])
        self.assertEqual(report["nonfinite"], 1)

    def test_conv2d_against_a_direct_loop(self):
        p = {"n": 2, "c": 4, "h": 6, "w": 7, "k": 6, "r": 3, "s": 2, "stride": 2, "pad": 1, "dilation": 2, "groups": 2}
        x = generator.generate(1, 1, (2, 4, 6, 7), "f32").astype(np.float64)
        w = generator.generate(1, 2, (6, 2, 3, 2), "f32").astype(np.float64)
        pp, qq = verify.conv_out_size(p)
        xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
        y = np.zeros((2, 6, pp, qq))
        for n in range(2):
            for k in range(6):
                g = k // 3
                for i in range(pp):
                    for j in range(qq):
                        win = xp[n, 2 * g:2 * g + 2, i * 2:i * 2 + 5:2, j * 2:j * 2 + 3:2]
                        y[n, k, i, j] = (win * w[k]).sum()
        self.assertLess(verify.verify_conv2d(verify.HostOutput(y), p, 1, 100, x, w).max_rel_err, 1e-15)
        y[1, 5, 0, 0] += 1e-3
        self.assertGreater(verify.verify_conv2d(verify.HostOutput(y), p, 1, 5000, x, w).max_rel_err, 1e-6)

    def test_train_stages_each_catch_their_own_error(self):
        fw = Backend("cpu", None)
        p = {"model": "mlp", "layers": [6, 5, 4, 3], "batch": 4, "lr": 0.1}
        case, _ = workloads.prepare_train(fw, p, "f32", 1)
        trace = case.result()
        layers = p["layers"]
        init = {"x": generator.generate(1, 1, (4, 6), "f32"), "labels": generator.labels(1, 4, 3),
                "w": [generator.generate(1, 10 + l, (layers[l - 1], layers[l]), "f32",
                                         math.sqrt(6.0 / (layers[l - 1] + layers[l]))) for l in range(1, 4)]}
        self.assertLess(verify.verify_train(trace, p, 1, 50, init).max_rel_err, 1e-6)
        for group, i in (("z", 0), ("h", 1), ("dz", 2), ("dz", 0), ("w", 1), ("b", 2)):
            bad = {k: [a.copy() for a in v] if isinstance(v, list) else v for k, v in trace.items()}
            bad[group][i].reshape(-1)[-1] += 0.25  # the last element of every stage is checked
            self.assertGreater(verify.verify_train(bad, p, 1, 50, init).max_rel_err, 1e-3, (group, i))
        self.assertGreater(verify.verify_train(dict(trace, loss=trace["loss"] + 0.01), p, 1, 50, init).max_rel_err, 1e-3)


class WorkloadTableTest(unittest.TestCase):
    def test_every_workload_has_its_tiny_case_valid(self):
        for name, spec in workloads.WORKLOADS.items():
            self.assertEqual(sorted(spec.tiny), sorted(spec.params), name)
            spec.check(spec.tiny)

    def test_parse_case_errors(self):
        ok = {"workload": "matmul", "dtype": "f32", "params": dict(workloads.WORKLOADS["matmul"].tiny), "seed": 3}
        self.assertEqual(workloads.parse_case(ok)[3], 3)
        bad = [(dict(ok, workload="fft"), "unsupported"), (dict(ok, dtype="f8"), "unsupported"),
               (dict(ok, params={"m": 1}), "invalid"), (dict(ok, seed=-1), "invalid"),
               (dict(ok, params=dict(ok["params"], m=0)), "invalid"), (dict(ok, workload=["x"]), "unsupported"),
               (dict(ok, params=dict(ok["params"], trans_a=1)), "invalid"), ("x", "invalid")]
        for case, kind in bad:
            with self.assertRaises(RunnerError) as ctx:
                workloads.parse_case(case)
            self.assertEqual(ctx.exception.kind, kind, case)


def converse(handler, requests):
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):  # the start-up trial says why f16 is unsupported
        status = serve(handler, out, io.StringIO("".join(r if isinstance(r, str) else json.dumps(r) + "\n" for r in requests)))
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


QUICK = {"warmup_s": 0.0, "warmup_min_iters": 1, "target_sample_s": 0.0001, "min_samples": 2, "max_time_s": 0.05,
         "min_time_s": 0.0}


class ProtocolTest(unittest.TestCase):
    def test_a_numpy_backend_runs_every_workload_verified(self):
        runner = Runner(Backend("cpu", None))
        reqs = [{"op": "hello", "id": 0}]
        for i, (name, spec) in enumerate(workloads.WORKLOADS.items()):
            reqs.append({"op": "run", "id": i + 1, "case": {"workload": name, "dtype": "f32", "params": spec.tiny, "seed": 2},
                         "budget": QUICK, "verify": {"samples": 16}})
        status, replies = converse(runner, reqs + [{"op": "bye", "id": 9}, {"op": "hello", "id": 10}])
        self.assertEqual(status, 0)
        self.assertEqual([r["id"] for r in replies], [0, 1, 2, 3, 4, 5, 6, 9])  # nothing answered after bye
        hello = replies[0]
        self.assertEqual(hello["backend"], "numpy-cpu")
        self.assertEqual(hello["workloads"], {"matmul": ["f32", "bf16"], "conv2d": ["f32", "bf16"], "train": ["f32", "bf16"],
                                             "attention": ["f32", "bf16"], "bandwidth": ["f32", "bf16"],
                                             "infer": ["f32", "bf16"]})
        for r in replies[1:7]:
            self.assertTrue(r["ok"], r)
            self.assertLess(r["verify"]["max_rel_err"], 1e-4)
            self.assertGreaterEqual(len(r["samples_ns"]), 2)

    def test_isolated_runs_time_the_host_wall_even_where_a_device_timer_exists(self):
        class Timed(Backend):
            def timer(self):
                return EventLog()

        class EventLog:
            def start(self):
                pass

            def stop(self):
                pass

            def elapsed(self):
                return 1000.0

        reqs = [{"op": "run", "id": i, "case": {"workload": "matmul", "dtype": "f32", "params": workloads.WORKLOADS["matmul"].tiny},
                 "budget": QUICK, "timing": timing_model} for i, timing_model in ((1, "streamed"), (2, "isolated"))]
        status, replies = converse(Runner(Timed("cpu", None)), reqs + [{"op": "bye", "id": 9}])
        self.assertEqual(status, 0)
        streamed, isolated = replies[0], replies[1]
        self.assertEqual((streamed["timer"], isolated["timer"]), ("gpu", "wall"))
        self.assertIn("wall_samples_ns", streamed)
        self.assertNotIn("wall_samples_ns", isolated)
        self.assertEqual(isolated["iters_per_sample"], 1)

    def test_failures_are_replies(self):
        runner = Runner(Backend("cpu", None))
        case = {"workload": "matmul", "dtype": "f16", "params": workloads.WORKLOADS["matmul"].tiny}
        _, replies = converse(runner, ["not json\n", "\n", {"op": "run", "id": 1, "case": case}, {"op": "dance", "id": 2},
                                       {"id": 3}, {"op": "run", "id": 4, "case": dict(case, dtype="f32"), "budget": {"rel_ci": -1}}])
        self.assertEqual([(r["id"], r["op"], r["error"]["kind"]) for r in replies],
                         [(None, "error", "invalid"), (1, "run", "unsupported"), (2, "error", "invalid"),
                          (3, "error", "invalid"), (4, "run", "invalid")])

    def test_a_runner_without_numpy_still_answers_with_the_reason(self):
        script = ("import sys; sys.modules['numpy'] = None; sys.path.insert(0, %r); from core import cli; "
                  "print(cli.make_handler('torch', 'cpu', None, 'torch_backend').problem)" % os.path.dirname(HERE))
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
        self.assertIn("the torch runner cannot load here", out.stdout)
        self.assertIn("numpy", out.stdout)

    def test_an_unavailable_device_answers_unsupported_and_says_why(self):
        status, replies = converse(Unavailable("no GPU here"), [{"op": "hello", "id": 0}, {"op": "bye", "id": 1}])
        self.assertEqual(status, 0)
        self.assertEqual(replies[0]["error"], {"kind": "unsupported", "message": "no GPU here"})
        self.assertEqual(replies[1], {"id": 1, "op": "bye", "ok": True})


if __name__ == "__main__":
    unittest.main()


def _gone(pid):
    """True once `pid` no longer runs (a zombie counts as gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


@unittest.skipUnless(sys.platform.startswith("linux"), "reads /proc")
class ParentWatchdogTest(unittest.TestCase):
    def test_a_runner_exits_when_its_parent_is_killed(self):
        child = ("import sys, time; sys.path.insert(0, %r); from core.channel import watch_parent; "
                 "watch_parent(0.1); print('ready', flush=True); time.sleep(60)" % os.path.dirname(HERE))
        parent = subprocess.Popen(
            [sys.executable, "-c", "import subprocess, sys, time; c = subprocess.Popen([sys.executable, '-c', %r]); "
             "print(c.pid, flush=True); time.sleep(60)" % child],
            stdout=subprocess.PIPE, text=True)
        try:
            lines = sorted(parent.stdout.readline().strip() for _ in range(2))  # the pid, then 'ready'
            self.assertEqual(lines[1], "ready")
            pid = int(lines[0])
            parent.kill()
            parent.wait()
            for _ in range(50):
                if _gone(pid):
                    break
                time.sleep(0.1)
            self.assertTrue(_gone(pid), "the orphaned runner is still alive")
        finally:
            parent.kill()
            parent.stdout.close()
