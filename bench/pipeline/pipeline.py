"""The whole pipeline under load, against what sandbox-service alone sustains on the same tasks in the same run.

usage: pipeline.py prepare WORK ITEMS SAMPLES     the generated suite, the zero-latency model and its profile
       pipeline.py measure WORK ITEMS SAMPLES     against the stack PipelineStack.java started (WORK/stack.json)
       pipeline.py reporting WORK ITEMS SAMPLES   reporting-service alone: a run's scores published straight to
                                                  Kafka, timed to the run's completion in the ledger
       pipeline.py idle WORK ITEMS SAMPLES        no run: each process's CPU over IDLE_SECONDS (120) after a
                                                  settling minute (IDLE_SETTLE_SECONDS): what the stack costs
                                                  with nothing to do

measure: a small warm-up run; each service's live heap (after a full GC, jcmd); sandbox-service alone for
SANDBOX_SECONDS (POST /api/executions of the suite's tasks, as the Kafka path runs them: the model's fenced answer,
static analysis on, 2 requests per sandbox slot in flight; with MAX_SECONDS set, the run is cut to what takes about
that long at the slower of that rate and the warm-up run's); the measured run (GET /api/runs/{id}/progress every
second, /q/metrics of every service every 3 s: consumer lag, used heap); sandbox-service alone again (and, for scale, with analysis
off); live heaps again; then per stage items/s and per item latencies from reporting's database (item_result, item_stage).
"""
import concurrent.futures
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

SUITE = "bench-trivial"
MODEL = "sim-instant"
SERVICES = ["task-service", "generator-service", "sandbox-service", "scoring-service", "reporting-service",
            "model-simulator"]
WARMUP_TASKS = 20
WARMUP_SAMPLES = 5


# ---------------------------------------------------------------------------------------------------- prepare

def task_yaml(i):
    name = "step_%05d" % i
    add = i % 7 + 1
    return """id: t-%05d
category: arithmetic
kind: generation
language: python
entry_point: %s
timeout_seconds: 5
prompt: |
  Write a Python function `%s(x: int) -> int` that returns x plus %d.
tests:
  - name: adds
    code: assert %s(2) == %d
  - name: negative
    edge: true
    code: assert %s(-%d) == 0
reference: |
  def %s(x: int) -> int:
      return x + %d
""" % (i, name, name, add, name, 2 + add, name, add, name, add)


def prepare(work, items, samples):
    tasks = -(-items // samples)
    folder = os.path.join(work, "suites", SUITE, "tasks")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(work, "suites", SUITE, "suite.yaml"), "w") as f:
        f.write("name: %s\nversion: 1.0.0\ndescription: one-line Python functions, generated for the pipeline"
                " benchmark (bench/pipeline)\n" % SUITE)
    for i in range(1, tasks + 1):
        with open(os.path.join(folder, "t-%05d.yaml" % i), "w") as f:
            f.write(task_yaml(i))
    # a model that answers at once: the pipeline's own cost is what is measured, not a vendor's latency
    with open(os.path.join(work, "simulator.yaml"), "w") as f:
        f.write("""models:
  %s:
    description: answers every task with its reference at once (pipeline benchmark)
    versions:
      - version: "i1"
        system_fingerprint: fp_bench_instant
        active_from: 2025-01-01T00:00:00Z
        seed: 10
        pass_probability: 1.0
        output_style: fenced
        ttft: {median_ms: 0.001, sigma: 0}
        tokens_per_second: {median: 1000000, sigma: 0}
        errors: {rate_429: 0.0, rate_503: 0.0, retry_after_seconds: 1}
""" % MODEL)
    with open(os.path.join(work, "models.yaml"), "w") as f:
        f.write("""models:
  - name: %s
    provider: openai
    endpoint: ${EVALWATCH_SIMULATOR_URL:http://127.0.0.1:8090}/v1
    model_id: %s
    price_per_million_tokens: {input: 0, output: 0}
    max_concurrency: 32
    timeout_seconds: 60
    temperature: 0.0
    max_tokens: 256
""" % (MODEL, MODEL))
    with open(os.path.join(work, "monitors.yaml"), "w") as f:
        f.write("monitors: []\n")
    print("prepared %d tasks x %d samples = %d items in %s" % (tasks, samples, tasks * samples, work))


# ---------------------------------------------------------------------------------------------------- plumbing

class Stack:
    def __init__(self, work):
        with open(os.path.join(work, "stack.json")) as f:
            self.info = json.load(f)
        with open(self.info["apiKeyFile"]) as f:
            self.key = f.read().strip()
        self.work = work

    def url(self, service):
        return self.info["services"][service]["url"]

    def pid(self, service):
        path = self.info["kafkaPidFile"] if service == "kafka" else self.info["services"][service]["pidFile"]
        with open(path) as f:
            return int(f.read().strip())

    def database(self, service):
        return self.info["services"][service]["database"]

    def call(self, method, url, body=None, timeout=120):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Authorization": "Bearer " + self.key, "Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            raise RuntimeError("%s %s: HTTP %d: %s" % (method, url, e.code, e.read()[:800].decode(errors="replace")))

    def metrics(self, service):
        with urllib.request.urlopen(self.url(service) + "/q/metrics", timeout=30) as response:
            return parse_metrics(response.read().decode())

    def sql(self, service, query):
        host = os.environ.get("EVALWATCH_PG_HOST", "127.0.0.1")
        port = os.environ.get("EVALWATCH_PG_PORT", "5432")
        user = os.environ.get("EVALWATCH_PG_USER", "postgres")
        env = dict(os.environ)
        if os.environ.get("EVALWATCH_PG_PASSWORD"):
            env["PGPASSWORD"] = os.environ["EVALWATCH_PG_PASSWORD"]
        out = subprocess.run(["psql", "-h", host, "-p", port, "-U", user, "-d", self.database(service), "-At",
                              "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", query],
                             env=env, check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]


def parse_metrics(text):
    """Prometheus text format: (name, {label: value}, value) per sample line."""
    samples = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        head, _, value = line.rpartition(" ")
        name, labels = head, {}
        if "{" in head:
            name, rest = head.split("{", 1)
            for part in rest.rstrip("}").split('",'):
                if "=" in part:
                    k, v = part.split("=", 1)
                    labels[k.strip(",")] = v.strip('"')
        try:
            samples.append((name, labels, float(value)))
        except ValueError:
            pass
    return samples


def heap_used(samples):
    return sum(v for n, l, v in samples if n == "jvm_memory_used_bytes" and l.get("area") == "heap")


def lags(samples):
    """Records not yet consumed, per consumed topic (a service's consumers of one topic summed over partitions)."""
    out = {}
    for n, l, v in samples:
        if n == "kafka_consumer_fetch_manager_records_lag" and "partition" in l and v == v and v >= 0:
            out[l.get("topic", "?")] = out.get(l.get("topic", "?"), 0) + v
    return out


def stat_fields(pid, thread=None):
    """/proc's stat fields after the command name (0: state, 1: parent, 11 and 12: user and system time)."""
    with open("/proc/%d/stat" % pid if thread is None else "/proc/%d/task/%s/stat" % (pid, thread)) as f:
        return f.read().rsplit(")", 1)[1].split()


def family_cpu(pid):
    """CPU seconds of a process and its live descendants (the sandbox's fork servers and runs), as reaped."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(stat_fields(int(entry))[1])
            except (OSError, IndexError, ValueError):
                pass
    family, grew = {pid}, True
    while grew:
        grew = False
        for child, parent in parents.items():
            if parent in family and child not in family:
                family.add(child)
                grew = True
    ticks = 0
    for member in family:
        try:
            ticks += sum(int(v) for v in stat_fields(member)[11:15])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def consumer_thread_cpu(pid):
    """CPU seconds of a JVM's Kafka connector consumer threads (named smallrye-kafka-consumer-thread-N)."""
    ticks = 0
    try:
        threads = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return 0.0
    for tid in threads:
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                if not f.read().startswith("smallrye-kafka-"):
                    continue
            ticks += sum(int(v) for v in stat_fields(pid, tid)[11:13])
        except (OSError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_cpu():
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def live_heaps(stack):
    """Used heap of each service right after a full collection (jcmd GC.run): what it holds, not what awaits GC."""
    heaps = {}
    for s in SERVICES:
        subprocess.run(["jcmd", str(stack.pid(s)), "GC.run"], check=True, capture_output=True)
    time.sleep(1)
    for s in SERVICES:
        heaps[s] = heap_used(stack.metrics(s))
    return heaps


def loadavg():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def write_result(work, lines):
    """Prints the report and keeps it as WORK/result.md (run.sh copies it beside this script)."""
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    with open(os.path.join(work, "result.md"), "w") as f:
        f.write(text)


def run_row(stack, run_id):
    """The run as reporting's ledger holds it: status, stored items, completion (epoch seconds, or None)."""
    rows = stack.sql("reporting-service", "select status, stored_items, extract(epoch from completed_at)"
                                          " from run_record where run_id = '%s'" % run_id)
    if not rows:
        return None
    status, stored, completed = (rows[0] + [""])[:3]
    return status, int(stored), float(completed) if completed else None


# ---------------------------------------------------------------------------------------------------- runs

def run_and_wait(stack, request, expected, on_tick=None, stall_seconds=None):
    """Starts a run and follows it to its end. A long run may take hours (20,000 items with analysis on): the wait
    gives up only when no stage has moved for STALL_SECONDS (600 s unless set), not after a fixed time."""
    stall_seconds = stall_seconds or float(os.environ.get("STALL_SECONDS", "600"))
    run = stack.call("POST", stack.url("task-service") + "/api/runs", request, timeout=600)
    run_id = run["runId"]
    progress_url = stack.url("reporting-service") + "/api/runs/%s/progress" % run_id
    moved_at, counts = time.time(), None
    last = None
    while time.time() - moved_at < stall_seconds:
        try:
            last = stack.call("GET", progress_url, timeout=60)
        except RuntimeError as e:
            if "HTTP 404" not in str(e):
                raise
        if on_tick:
            on_tick(last)
        if last and last["status"] != "running":
            break
        now_counts = last and tuple(last[k] for k in ("generated", "executed", "scored", "errored"))
        if now_counts != counts:
            moved_at, counts = time.time(), now_counts
        time.sleep(1)
    if not last or last["status"] != "completed":
        raise RuntimeError("run %s did not complete (no stage moved for %d s, STALL_SECONDS): %s"
                           % (run_id, stall_seconds, last))
    if last["scored"] + last["errored"] != expected or last["errored"]:
        raise RuntimeError("run %s: expected %d items, got %s" % (run_id, expected, last))
    return run_id, last


class Sampler(threading.Thread):
    """Polls every service's /q/metrics: highest consumer lag per service and topic, highest used heap."""

    def __init__(self, stack):
        super().__init__(daemon=True)
        self.stack, self.stop, self.lag, self.heap, self.rss = stack, threading.Event(), {}, {}, {}

    def run(self):
        while not self.stop.is_set():
            for s in SERVICES:
                try:
                    samples = self.stack.metrics(s)
                    self.heap[s] = max(self.heap.get(s, 0), heap_used(samples))
                    self.rss[s] = max(self.rss.get(s, 0), rss_mb(self.stack.pid(s)))
                    for topic, lag in lags(samples).items():
                        self.lag[(s, topic)] = max(self.lag.get((s, topic), 0), lag)
                except (OSError, urllib.error.URLError):
                    pass
            self.stop.wait(3)


# ---------------------------------------------------------------------------------------------------- sandbox alone

def execution_bodies(tasks, analyze=True):
    """What the Kafka path hands the sandbox for each task: the simulator's fenced reference, with analysis."""
    bodies = []
    for i in range(1, tasks + 1):
        name, add = "step_%05d" % i, i % 7 + 1
        code = "def %s(x: int) -> int:\n    return x + %d\n" % (name, add)
        bodies.append(json.dumps({
            "language": "python", "code": code, "entryPoint": name, "analyze": analyze,
            "rawOutput": "```python\n" + code + "```\n",
            "tests": [{"name": "adds", "code": "assert %s(2) == %d" % (name, 2 + add), "edge": False},
                      {"name": "negative", "code": "assert %s(-%d) == 0" % (name, add), "edge": True}],
            "limits": {"wallSeconds": 5}}).encode())
    return bodies


def sandbox_alone(stack, bodies, seconds, concurrency):
    """Executions per second sandbox-service sustains, kept busy by `concurrency` clients for `seconds`."""
    target = urllib.parse.urlsplit(stack.url("sandbox-service"))
    done, failed, lock = [0], [0], threading.Lock()
    stop_at = time.perf_counter() + seconds
    cpu_before, machine_before = family_cpu(stack.pid("sandbox-service")), machine_cpu()
    consumer_before = consumer_thread_cpu(stack.pid("sandbox-service"))

    def client(offset):
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
        i = offset
        while time.perf_counter() < stop_at:
            connection.request("POST", "/api/executions", body=bodies[i % len(bodies)], headers={
                "Content-Type": "application/json", "Authorization": "Bearer " + stack.key})
            response = connection.getresponse()
            payload = json.loads(response.read())
            ok = response.status == 200 and payload["outcome"] == "completed" and all(
                t["status"] == "passed" for t in payload["tests"])
            with lock:
                done[0] += 1
                failed[0] += not ok
            i += concurrency

    began = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(client, range(concurrency)))
    elapsed = time.perf_counter() - began
    cpu = family_cpu(stack.pid("sandbox-service")) - cpu_before
    if failed[0]:
        raise RuntimeError("%d of %d direct executions did not pass" % (failed[0], done[0]))
    consumer = consumer_thread_cpu(stack.pid("sandbox-service")) - consumer_before
    return {"executions": done[0], "seconds": elapsed, "rate": done[0] / elapsed,
            "cpu_ms": cpu / done[0] * 1000, "machine_ms": (machine_cpu() - machine_before) / done[0] * 1000,
            "consumer_share": consumer / elapsed}


# ---------------------------------------------------------------------------------------------------- figures

def stage_figures(stack, run_id):
    """Per stage: count, first and last time, the 10th and 90th percentile times (epoch seconds)."""
    q = """select %s, count(*), extract(epoch from min(t)), extract(epoch from max(t)),
                  extract(epoch from percentile_disc(0.1) within group (order by t)),
                  extract(epoch from percentile_disc(0.9) within group (order by t))
           from (%s) s"""
    sources = [
        ("dispatched", "select dispatched_at t from item_result where run_id = '%s'" % run_id),
        ("generated", "select seen_at t from item_stage where run_id = '%s' and stage = 'generated'" % run_id),
        ("executed", "select seen_at t from item_stage where run_id = '%s' and stage = 'executed'" % run_id),
        ("scored", "select scored_at t from item_result where run_id = '%s'" % run_id),
    ]
    out = {}
    for name, source in sources:
        row = stack.sql("reporting-service", q % ("'%s'" % name, source))[0]
        out[name] = dict(zip(["count", "first", "last", "p10", "p90"], [float(v) for v in row[1:]]))
    return out


def latencies(stack, run_id):
    """End to end (dispatch to score) and between stages, p50/p99 in seconds."""
    def pct(expr, source):
        row = stack.sql("reporting-service", """select percentile_cont(0.5) within group (order by x),
            percentile_cont(0.99) within group (order by x), count(*) from (select extract(epoch from %s) x %s) s"""
                        % (expr, source))[0]
        return float(row[0]), float(row[1]), int(row[2])
    base = "from item_result r where r.run_id = '%s' and not r.errored and r.dispatched_at is not null" % run_id
    joined = (" from item_result r join item_stage g on g.item_id = r.item_id and g.stage = 'generated'"
              " join item_stage e on e.item_id = r.item_id and e.stage = 'executed' where r.run_id = '%s'" % run_id)
    return {
        "dispatch to scored (end to end)": pct("r.scored_at - r.dispatched_at", base),
        "dispatch to generated": pct("g.seen_at - r.dispatched_at", joined),
        "generated to executed": pct("e.seen_at - g.seen_at", joined),
        "executed to scored": pct("r.scored_at - e.seen_at", joined),
    }


def mb(value):
    return "%.0f MB" % (value / 1048576)


def measure(work, items, samples):
    stack = Stack(work)
    tasks = -(-items // samples)
    workers = int(os.environ.get("SANDBOX_WORKERS", os.cpu_count()))
    seconds = float(os.environ.get("SANDBOX_SECONDS", "60"))
    max_seconds = float(os.environ.get("MAX_SECONDS", "0"))
    analysis = os.environ.get("ANALYSIS", "on") != "off"
    bodies = execution_bodies(tasks, analysis)
    print("machine: %d cores, %s; load %s" % (os.cpu_count(), os.uname().release, loadavg()))

    # warm-up, not counted: the services' first items load classes, fill pools and start fork servers
    warm_tasks = ["t-%05d" % i for i in range(1, min(tasks, WARMUP_TASKS) + 1)]
    warm_began = time.time()
    run_and_wait(stack, {"suite": SUITE, "models": [MODEL], "samples": WARMUP_SAMPLES, "tasks": warm_tasks},
                 len(warm_tasks) * WARMUP_SAMPLES)
    warm_rate = len(warm_tasks) * WARMUP_SAMPLES / (time.time() - warm_began)
    sandbox_alone(stack, bodies, min(10.0, seconds), 2 * workers)
    heaps_before = live_heaps(stack)

    alone_before = sandbox_alone(stack, bodies, seconds, 2 * workers)
    print("sandbox alone (before): %d executions in %.1f s = %.2f/s, load %s"
          % (alone_before["executions"], alone_before["seconds"], alone_before["rate"], loadavg()))
    asked = tasks * samples
    sizing_rate = min(alone_before["rate"], warm_rate)
    if max_seconds > 0 and tasks * samples > sizing_rate * max_seconds:
        # sized by the slower of the sandbox alone and the (cold) warm-up run: it then takes about max_seconds
        tasks = max(1, int(sizing_rate * max_seconds // samples))
        print("run sized to %d items to take about %.0f s at %.2f items/s (sandbox alone %.2f/s, warm-up run"
              " %.2f/s; ITEMS asked: %d)" % (tasks * samples, max_seconds, sizing_rate, alone_before["rate"],
                                             warm_rate, asked))
    request = {"suite": SUITE, "models": [MODEL], "samples": samples}
    if tasks * samples < asked:
        request["tasks"] = ["t-%05d" % i for i in range(1, tasks + 1)]

    sampler = Sampler(stack)
    sampler.start()
    cpu_before = {s: family_cpu(stack.pid(s)) for s in SERVICES + ["kafka"]}
    consumer_before = consumer_thread_cpu(stack.pid("sandbox-service"))
    machine_before, load_before = machine_cpu(), loadavg()
    ticks = []
    began = time.time()
    run_id, final = run_and_wait(stack, request, tasks * samples, on_tick=lambda p: ticks.append((time.time(), p)))
    wall = time.time() - began
    cpu = {s: family_cpu(stack.pid(s)) - cpu_before[s] for s in SERVICES + ["kafka"]}
    consumer = consumer_thread_cpu(stack.pid("sandbox-service")) - consumer_before
    machine = machine_cpu() - machine_before
    load_during = loadavg()
    sampler.stop.set()
    sampler.join()

    alone_after = sandbox_alone(stack, bodies, seconds, 2 * workers)
    print("sandbox alone (after): %d executions in %.1f s = %.2f/s, load %s"
          % (alone_after["executions"], alone_after["seconds"], alone_after["rate"], loadavg()))
    # for scale, when the stack analyses: what the tests alone cost (the service skips analysis when asked)
    unanalysed = sandbox_alone(stack, execution_bodies(tasks, analyze=False), min(seconds, 20.0), 2 * workers) \
        if analysis else None
    heaps_after = live_heaps(stack)

    n = tasks * samples
    stages = stage_figures(stack, run_id)
    lat = latencies(stack, run_id)
    # the end is the run's completion in the ledger (reporting counted its last item), not the last score
    completed = run_row(stack, run_id)[2]
    end_to_end = n / (completed - stages["dispatched"]["first"])
    alone = (alone_before["rate"] + alone_after["rate"]) / 2
    ratio = end_to_end / alone

    out = []
    p = out.append
    p("# Pipeline benchmark, %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(began)))
    p("")
    p("%d items (%d tasks x %d samples, one zero-latency simulated model), static analysis %s; machine %d cores;"
      " load average before the run %s, at its end %s (other builds may be running)." % (
          n, tasks, samples, "on" if analysis else "off (ANALYSIS=off)", os.cpu_count(), load_before, load_during))
    p("Run %s: %s, %d scored, %d errored, %.1f s from the request to the last item." % (
        run_id, final["status"], final["scored"], final["errored"], wall))
    p("")
    p("## Throughput")
    p("")
    p("| stage | items | items/s, whole run | items/s, steady (10th to 90th percentile item) |")
    p("| --- | ---: | ---: | ---: |")
    t0 = stages["dispatched"]["first"]
    p("| dispatched | %d | all within %.1f s of the first | |" % (stages["dispatched"]["count"],
                                                                 stages["dispatched"]["last"] - t0))
    for name in ["generated", "executed", "scored"]:
        s = stages[name]
        whole = s["count"] / max(s["last"] - t0, 1e-3)
        steady = 0.8 * s["count"] / max(s["p90"] - s["p10"], 1e-3)
        p("| %s | %d | %.1f | %.1f |" % (name, s["count"], whole, steady))
    p("")
    p("| | executions/s |")
    p("| --- | ---: |")
    p("| sandbox-service alone, before the run (%d executions in %.0f s, %d in flight) | %.2f |"
      % (alone_before["executions"], alone_before["seconds"], 2 * workers, alone_before["rate"]))
    p("| sandbox-service alone, after the run (%d executions in %.0f s) | %.2f |"
      % (alone_after["executions"], alone_after["seconds"], alone_after["rate"]))
    p("| **end to end** (first dispatch to the run's completion in the ledger, %.1f s after the last score)"
      " | **%.2f** |" % (completed - stages["scored"]["last"], end_to_end))
    if unanalysed:
        p("| for scale: sandbox-service alone with static analysis off (%d executions in %.0f s) | %.2f |"
          % (unanalysed["executions"], unanalysed["seconds"], unanalysed["rate"]))
    p("")
    p("**Ratio end to end / sandbox alone (mean of before and after): %.3f** (target >= 0.8: %s)."
      % (ratio, "met" if ratio >= 0.8 else "not met"))
    p("")
    p("## Item latency")
    p("")
    p("| interval | p50 | p99 | items |")
    p("| --- | ---: | ---: | ---: |")
    for name, (p50, p99, count) in lat.items():
        p("| %s | %.2f s | %.2f s | %d |" % (name, p50, p99, count))
    p("")
    p("Every item of the run is dispatched within the first seconds, so an item's end-to-end latency is mostly its"
      " wait in the queue ahead of the slowest stage: in a batch, p50 is about half the run.")
    p("")
    p("## Consumer lag (highest seen, records not yet consumed, summed over partitions)")
    p("")
    p("| service | topic | highest lag |")
    p("| --- | --- | ---: |")
    for (service, topic), lag in sorted(sampler.lag.items()):
        if lag or not topic.endswith("dlq"):  # dead-letter topics only when something reached them
            p("| %s | %s | %d |" % (service, topic.replace("_", "."), lag))
    p("")
    p("## Memory and CPU")
    p("")
    p("| service | live heap before | live heap after | highest used heap | highest RSS | CPU in the run |"
      " CPU per item |")
    p("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in SERVICES:
        p("| %s | %s | %s | %s | %.0f MB | %.1f s | %.2f ms |" % (
            s, mb(heaps_before[s]), mb(heaps_after[s]), mb(sampler.heap.get(s, 0)), sampler.rss.get(s, 0),
            cpu[s], cpu[s] / n * 1000))
    p("| Kafka broker | | | | | %.1f s | %.2f ms |" % (cpu["kafka"], cpu["kafka"] / n * 1000))
    p("| whole machine (busy) | | | | | %.1f s | %.2f ms |" % (machine, machine / n * 1000))
    p("")
    p("Live heap: used heap right after a full collection (`jcmd <pid> GC.run`), before the sandbox-alone"
      " measurement and after the run; every service runs with -Xmx256m. The sandbox's CPU counts its fork"
      " servers and runs; sandbox alone: %.1f ms of its CPU and %.1f ms of the machine's per execution (before),"
      " %.1f / %.1f ms (after)%s." % (
          alone_before["cpu_ms"], alone_before["machine_ms"], alone_after["cpu_ms"], alone_after["machine_ms"],
          ", %.1f / %.1f ms with analysis off" % (unanalysed["cpu_ms"], unanalysed["machine_ms"]) if unanalysed
          else ""))
    p("")
    # the connector polls a paused consumer with a zero timeout every 2 ms (RESULTS.md, the sixth machine)
    p("sandbox-service's Kafka consumer threads: %.1f %% of a core in the run (%.1f ms per item), %.1f %% while the"
      " sandbox ran alone (before and after)." % (consumer / wall * 100, consumer / n * 1000,
                                                 (alone_before["consumer_share"] + alone_after["consumer_share"])
                                                 / 2 * 100))
    write_result(work, out)


# ---------------------------------------------------------------------------------------------------- reporting alone

def flood(stack, tasks, samples):
    """Publishes a run's RunStarted and all its scores straight to Kafka (ScoreFlood.java); the run id."""
    here = os.path.dirname(os.path.abspath(__file__))
    cli = os.path.join(here, "..", "..", "cli", "target", "evalwatch-cli.jar")
    out = subprocess.run(["java", "-cp", cli, os.path.join(here, "ScoreFlood.java"), stack.info["bootstrap"],
                          str(tasks), str(samples)], check=True, capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]


def await_completed(stack, run_id, expected, timeout=3600):
    """The run's completion in the ledger (epoch seconds), polled from reporting's database."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        row = run_row(stack, run_id)
        if row and row[0] != "running":
            if row[0] != "completed" or row[1] != expected:
                raise RuntimeError("run %s: %s" % (run_id, row))
            return row[2]
        time.sleep(0.5)
    raise RuntimeError("run %s not completed within %d s" % (run_id, timeout))


def reporting(work, items, samples):
    """How fast reporting-service stores a run's scores when nothing upstream holds it back, as the sandbox alone."""
    stack = Stack(work)
    tasks = -(-items // samples)
    n = tasks * samples
    print("machine: %d cores, %s; load %s" % (os.cpu_count(), os.uname().release, loadavg()))
    warm = flood(stack, WARMUP_TASKS, WARMUP_SAMPLES)  # not counted: classes, pools, the JIT
    await_completed(stack, warm, WARMUP_TASKS * WARMUP_SAMPLES)
    sampler = Sampler(stack)
    sampler.start()
    cpu_before = {s: family_cpu(stack.pid(s)) for s in ["reporting-service", "kafka"]}
    machine_before, load_before = machine_cpu(), loadavg()
    began = time.time()
    run_id = flood(stack, tasks, samples)
    published = time.time()
    completed = await_completed(stack, run_id, n)
    cpu = {s: family_cpu(stack.pid(s)) - cpu_before[s] for s in cpu_before}
    machine = machine_cpu() - machine_before
    sampler.stop.set()
    sampler.join()
    out = []
    p = out.append
    p("# Reporting alone, %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(began)))
    p("")
    p("A run of %d items (%d tasks x %d samples, the task map announced as task-service does) published straight to"
      " `eval.runs` and `eval.scores` (ScoreFlood.java); machine %d cores, load before %s, after %s."
      % (n, tasks, samples, os.cpu_count(), load_before, loadavg()))
    p("")
    p("| | |")
    p("| --- | ---: |")
    p("| scores published in | %.1f s |" % (published - began))
    p("| **stored, to the run's completion in the ledger** | **%.1f items/s** (%.1f s) |"
      % (n / (completed - began), completed - began))
    p("| highest lag of reporting-service on eval.scores | %d |" % sampler.lag.get(("reporting-service",
                                                                                     "eval_scores"), 0))
    p("| reporting-service CPU per item | %.2f ms |" % (cpu["reporting-service"] / n * 1000))
    p("| Kafka broker CPU per item | %.2f ms |" % (cpu["kafka"] / n * 1000))
    p("| whole machine (busy) per item | %.2f ms |" % (machine / n * 1000))
    p("| reporting-service highest used heap | %s |" % mb(sampler.heap.get("reporting-service", 0)))
    write_result(work, out)


# ---------------------------------------------------------------------------------------------------- idle

def idle(work, items, samples):
    """Each process's CPU with no run: the fixed cost every stage pays whatever the item rate."""
    stack = Stack(work)
    settle, seconds = float(os.environ.get("IDLE_SETTLE_SECONDS", "60")), float(os.environ.get("IDLE_SECONDS", "120"))
    time.sleep(settle)
    processes = SERVICES + ["kafka"]
    before, machine_before = {s: family_cpu(stack.pid(s)) for s in processes}, machine_cpu()
    time.sleep(seconds)
    cpu = {s: family_cpu(stack.pid(s)) - before[s] for s in processes}
    machine = machine_cpu() - machine_before
    lines = []
    p = lines.append
    p("# The stack with nothing to do, %s UTC" % time.strftime("%Y-%m-%d %H:%M", time.gmtime()))
    p("")
    p("No run: each process's CPU (with its children) over %.0f s, %.0f s after the stack was ready; PostgreSQL"
      " is counted only in the machine's figure; load average at the end %s."
      % (seconds, settle, loadavg()))
    p("")
    p("| process | CPU, % of one core |")
    p("| --- | ---: |")
    for s in processes:
        p("| %s | %.1f |" % ("Kafka broker" if s == "kafka" else s, cpu[s] / seconds * 100))
    p("| the stack together | %.1f |" % (sum(cpu.values()) / seconds * 100))
    p("| whole machine (busy) | %.1f |" % (machine / seconds * 100))
    write_result(work, lines)


if __name__ == "__main__":
    mode, folder, count, per_task = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    {"prepare": prepare, "measure": measure, "reporting": reporting, "idle": idle}[mode](folder, count, per_task)
