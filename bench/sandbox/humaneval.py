"""Wall time to check the 164 HumanEval canonical solutions: a bare `python3 -I -S` subprocess loop against the
sandbox-service's POST /api/executions (full isolation), measured in the same run on the same machine. Also the
CPU time each side spent (the service with all its sandboxes and fork servers, against the loop's interpreters),
which other load on the machine disturbs much less than wall time, and the whole machine's busy time during each
side (kernel threads and this client included).

usage: humaneval.py <dataset.jsonl.gz> <sandbox base url> <client concurrency> [rounds] [service pid]
"""
import concurrent.futures
import gzip
import http.client
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

PYTHON = "/usr/bin/python3"


def load(path):
    with gzip.open(path, "rt") as f:
        return [json.loads(line) for line in f]


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stat_fields(pid):
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()


def process_cpu(pid):
    """
    CPU seconds of a process and all its descendants: their utime and stime, and the cutime and cstime of what
    they reaped. Live descendants count too: a slot's fork server reaps its runs itself and lives on.
    """
    if pid is None:
        return 0.0
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
            pass  # it ended meanwhile; what it spent went to whoever reaped it
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_cpu():
    """Busy CPU seconds of the whole machine, kernel threads included (a namespace's teardown runs in one)."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def bare_loop(problems):
    """One fresh interpreter per problem, no isolation at all: the floor any harness is measured against."""
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for p in problems:
            path = os.path.join(tmp, p["task_id"].replace("/", "_") + ".py")
            with open(path, "w") as f:
                f.write(p["prompt"] + p["canonical_solution"] + "\n" + p["test"] + "\n" + "check(%s)\n" % p["entry_point"])
            files.append(path)
        began = time.perf_counter()
        cpu, machine = children_cpu(), machine_cpu()
        failed = 0
        for path in files:
            done = subprocess.run([PYTHON, "-I", "-S", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            failed += done.returncode != 0
        return time.perf_counter() - began, failed, children_cpu() - cpu, machine_cpu() - machine


def request(problem):
    return json.dumps({
        "language": "python",
        "code": problem["prompt"] + problem["canonical_solution"],
        "entryPoint": problem["entry_point"],
        "tests": [{"name": "check", "code": problem["test"] + "\ncheck(%s)\n" % problem["entry_point"], "edge": False}],
        "limits": {"wallSeconds": 10},
    }).encode()


_connections = threading.local()


def execute(url, body):
    """POST on this thread's persistent (keep-alive) connection, as a client that sends many executions would."""
    target = urllib.parse.urlsplit(url)
    connection = getattr(_connections, "connection", None)
    if connection is None:
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
        _connections.connection = connection
    connection.request("POST", "/api/executions", body=body, headers={"Content-Type": "application/json",
                       "Authorization": "Bearer " + os.environ["EVALWATCH_API_KEY"]})
    response = connection.getresponse()
    payload = response.read()
    if response.status != 200:
        raise RuntimeError("HTTP %d: %s" % (response.status, payload[:500]))
    return json.loads(payload)


def sandbox_run(problems, url, concurrency, service_pid=None):
    """The client keeps as many requests in flight as the service has workers (its slots)."""
    bodies = [request(p) for p in problems]
    cpu, machine = process_cpu(service_pid), machine_cpu()
    began = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda b: execute(url, b), bodies))
    elapsed = time.perf_counter() - began
    cpu, machine = process_cpu(service_pid) - cpu, machine_cpu() - machine
    passed = sum(1 for r in results if r["outcome"] == "completed" and all(t["status"] == "passed" for t in r["tests"]))
    isolation = {r["isolation"] for r in results}
    return elapsed, passed, isolation, cpu, machine


def main():
    dataset, url, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    service_pid = int(sys.argv[5]) if len(sys.argv) > 5 else None
    problems = load(dataset)
    # one unmeasured round of each, as a long-running service and a warm page cache would have it
    warm_bare = bare_loop(problems)[0]
    warm_sandbox = sandbox_run(problems, url, concurrency, service_pid)[0]
    print("warm-up (not counted): bare loop %.3f s, sandbox %.3f s" % (warm_bare, warm_sandbox))
    bare_times, sandbox_times, bare_cpus, sandbox_cpus, bare_machine, sandbox_machine = [], [], [], [], [], []
    for round_number in range(1, rounds + 1):
        bare, bare_failed, bare_cpu, bare_busy = bare_loop(problems)
        sandbox, passed, isolation, sandbox_cpu, sandbox_busy = sandbox_run(problems, url, concurrency, service_pid)
        bare_times.append(bare)
        sandbox_times.append(sandbox)
        bare_cpus.append(bare_cpu)
        sandbox_cpus.append(sandbox_cpu)
        bare_machine.append(bare_busy)
        sandbox_machine.append(sandbox_busy)
        print("round %d: bare loop %.3f s (%d failed, %.2f s CPU, machine %.2f s), sandbox %.3f s (%d/%d passed,"
              " %.2f s CPU, machine %.2f s, isolation %s), load %s"
              % (round_number, bare, bare_failed, bare_cpu, bare_busy, sandbox, passed, len(problems), sandbox_cpu,
                 sandbox_busy, ",".join(sorted(isolation)), open("/proc/loadavg").read().split()[0]))
        if bare_failed or passed != len(problems):
            print("FAILED: every canonical solution must pass in both")
            sys.exit(1)
    bare, sandbox = statistics.median(bare_times), statistics.median(sandbox_times)
    print()
    print("problems:              %d" % len(problems))
    print("bare loop wall time:   %.3f s  (median of %d; sequential python3 -I -S subprocesses, no isolation)"
          % (bare, rounds))
    print("sandbox wall time:     %.3f s  (median of %d; POST /api/executions, %d client threads)"
          % (sandbox, rounds, concurrency))
    print("ratio sandbox / bare:  %.2f" % (sandbox / bare))
    print("executions per second: %.1f" % (len(problems) / sandbox))
    if service_pid is not None:
        bare_cpu, sandbox_cpu = statistics.median(bare_cpus), statistics.median(sandbox_cpus)
        print("CPU per execution:     bare %.1f ms, sandbox %.1f ms (service and sandboxes; median of %d)"
              % (bare_cpu / len(problems) * 1000, sandbox_cpu / len(problems) * 1000, rounds))
    print("machine CPU per exec.: bare %.1f ms, sandbox %.1f ms (the whole machine busy, kernel threads and the"
          " benchmark client included; median of %d)"
          % (statistics.median(bare_machine) / len(problems) * 1000,
             statistics.median(sandbox_machine) / len(problems) * 1000, rounds))


if __name__ == "__main__":
    main()
