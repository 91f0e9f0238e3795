"""Latency of one Java and one JavaScript execution through sandbox-service (full isolation) against the bare
launch of an equivalent program outside any sandbox (`java File.java`, `node file.js`), interleaved in one run on
the same machine. Each sample is one execution, one at a time, so what is measured is a single run's wall time.

Also the CPU time of each sample (the bare process; the service with its sandboxes, from /proc), which load from
elsewhere on the machine disturbs much less than wall time. A JavaScript run may be handed to a sandbox its slot
launched ahead, Node started while nothing was asked: what that sandbox spent before the request is reported in a
column of its own, added to the request's, so that CPU moved out of a run's latency is still counted.

usage: languages.py <sandbox base url> [rounds] [service pid]
"""
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

from humaneval import process_cpu, stat_fields

JAVA = "/usr/bin/java"
NODE = "/usr/bin/node"

# (entry point, Java solution, Java tests, JavaScript solution, JavaScript tests): small HumanEval-like tasks
TASKS = [
    ("add",
     "class Solution {\n    static int add(int a, int b) {\n        return a + b;\n    }\n}\n",
     ["assert Solution.add(1, 2) == 3;", "assert Solution.add(-1, 1) == 0;", "assert Solution.add(20, 22) == 42;"],
     "function add(a, b) {\n  return a + b;\n}\n",
     ["assert.strictEqual(add(1, 2), 3);", "assert.strictEqual(add(-1, 1), 0);", "assert.strictEqual(add(20, 22), 42);"]),
    ("sortEven",
     "import java.util.*;\n\nclass Solution {\n    static List<Integer> sortEven(List<Integer> xs) {\n"
     "        List<Integer> even = new ArrayList<>();\n        for (int i = 0; i < xs.size(); i += 2) even.add(xs.get(i));\n"
     "        Collections.sort(even);\n        List<Integer> out = new ArrayList<>(xs);\n"
     "        for (int i = 0; i < even.size(); i++) out.set(2 * i, even.get(i));\n        return out;\n    }\n}\n",
     ["assert Solution.sortEven(List.of(1, 2, 3)).equals(List.of(1, 2, 3));",
      "assert Solution.sortEven(List.of(5, 6, 3, 4)).equals(List.of(3, 6, 5, 4));",
      "assert Solution.sortEven(List.of(5, 3, -5, 2, -3, 3, 9, 0, 123, 1, -10))"
      ".equals(List.of(-10, 3, -5, 2, -3, 3, 5, 0, 9, 1, 123));"],
     "function sortEven(xs) {\n  const even = xs.filter((_, i) => i % 2 === 0).sort((a, b) => a - b);\n"
     "  return xs.map((x, i) => (i % 2 === 0 ? even[i / 2] : x));\n}\n",
     ["assert.deepStrictEqual(sortEven([1, 2, 3]), [1, 2, 3]);",
      "assert.deepStrictEqual(sortEven([5, 6, 3, 4]), [3, 6, 5, 4]);",
      "assert.deepStrictEqual(sortEven([5, 3, -5, 2, -3, 3, 9, 0, 123, 1, -10]), [-10, 3, -5, 2, -3, 3, 5, 0, 9, 1, 123]);"]),
    ("isPalindrome",
     "class Solution {\n    static boolean isPalindrome(String s) {\n"
     "        return new StringBuilder(s).reverse().toString().equals(s);\n    }\n}\n",
     ["assert Solution.isPalindrome(\"\");", "assert Solution.isPalindrome(\"aba\");",
      "assert !Solution.isPalindrome(\"zbcd\");"],
     "function isPalindrome(s) {\n  return [...s].reverse().join('') === s;\n}\n",
     ["assert.ok(isPalindrome(''));", "assert.ok(isPalindrome('aba'));", "assert.ok(!isPalindrome('zbcd'));"]),
]


def bare_java(directory, index, task):
    """The same solution and tests as one source file with a main, launched by the JDK's source launcher."""
    _, code, tests, _, _ = task
    imports = "".join(line + "\n" for line in code.splitlines() if line.startswith("import "))
    body = "".join(line + "\n" for line in code.splitlines() if not line.startswith("import "))
    main = "public class Bare%d {\n    public static void main(String[] args) {\n%s    }\n}\n" % (
        index, "".join("        " + t + "\n" for t in tests))
    path = os.path.join(directory, "Bare%d.java" % index)
    with open(path, "w") as f:
        f.write(imports + main + body)
    return [JAVA, "-ea", path]


def bare_node(directory, index, task):
    _, _, _, code, tests = task
    path = os.path.join(directory, "bare%d.js" % index)
    with open(path, "w") as f:
        f.write("'use strict';\nconst assert = require('assert');\n" + code + "\n".join(tests) + "\n")
    return [NODE, path]


def timed_process(argv):
    """Wall and CPU seconds of one bare process."""
    began = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    if status != 0:
        raise RuntimeError("%s failed (status %d)" % (" ".join(argv), status))
    return elapsed, usage.ru_utime + usage.ru_stime


def waiting_sandboxes():
    """CPU seconds so far of each JavaScript sandbox now alive (launcher and Node), by pid: between requests, the
    sandboxes launched ahead and waiting for a run."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/cmdline" % entry, "rb") as f:
                    if b"/sandbox/harness/javascript/harness.js" not in f.read():
                        continue
                found[int(entry)] = sum(int(v) for v in stat_fields(int(entry))[11:13]) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError, ValueError):
                pass
    return found


class Service:
    def __init__(self, url, pid):
        self.pid = pid
        target = urllib.parse.urlsplit(url)
        self.connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
        self.handed = 0

    def timed_execution(self, language, task):
        entry, java_code, java_tests, js_code, js_tests = task
        code, tests = (java_code, java_tests) if language == "java" else (js_code, js_tests)
        body = json.dumps({"language": language, "code": code, "entryPoint": entry,
                           "tests": [{"name": "t%d" % i, "code": t, "edge": False} for i, t in enumerate(tests)],
                           "limits": {"wallSeconds": 20}}).encode()
        waiting = waiting_sandboxes()
        cpu = process_cpu(self.pid)
        began = time.perf_counter()
        self.connection.request("POST", "/api/executions", body=body, headers={
            "Content-Type": "application/json", "Authorization": "Bearer " + os.environ["EVALWATCH_API_KEY"]})
        response = self.connection.getresponse()
        payload = response.read()
        elapsed = time.perf_counter() - began
        cpu = process_cpu(self.pid) - cpu
        if response.status != 200:
            raise RuntimeError("HTTP %d: %s" % (response.status, payload[:500]))
        result = json.loads(payload)
        if result["outcome"] != "completed" or not all(t["status"] == "passed" for t in result["tests"]):
            raise RuntimeError("%s %s did not pass: %s" % (language, entry, json.dumps(result)[:800]))
        # the sandbox this run was handed (gone now, as every run's sandbox is): what it spent before the request
        still = waiting_sandboxes()
        consumed = [spent for pid, spent in waiting.items() if pid not in still]
        if language == "javascript" and consumed:
            self.handed += 1
        ahead = sum(consumed)
        return elapsed, cpu, result["isolation"], ahead


def p90(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def main():
    url = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    service = Service(url, int(sys.argv[3]) if len(sys.argv) > 3 else None)
    samples = {key: [] for key in ("bare java", "sandbox java", "bare node", "sandbox javascript")}
    cpus = {key: [] for key in samples}
    aheads = {key: [] for key in samples}
    isolation = set()
    with tempfile.TemporaryDirectory() as tmp:
        bare = {"java": [bare_java(tmp, i, t) for i, t in enumerate(TASKS)],
                "node": [bare_node(tmp, i, t) for i, t in enumerate(TASKS)]}
        # one unmeasured pass of everything: page cache, the service's JIT and connection warm
        for i, task in enumerate(TASKS):
            timed_process(bare["java"][i])
            timed_process(bare["node"][i])
            service.timed_execution("java", task)
            service.timed_execution("javascript", task)
        # interleaved, so load from elsewhere on the machine falls on all four alike
        for _ in range(rounds):
            for i, task in enumerate(TASKS):
                for key, measure in (("bare java", lambda: timed_process(bare["java"][i]) + (0.0,)),
                                     ("sandbox java", lambda: service.timed_execution("java", task)),
                                     ("bare node", lambda: timed_process(bare["node"][i]) + (0.0,)),
                                     ("sandbox javascript", lambda: service.timed_execution("javascript", task))):
                    seconds, cpu, *kind, ahead = measure()
                    samples[key].append(seconds)
                    cpus[key].append(cpu)
                    aheads[key].append(ahead)
                    isolation.update(kind)
    print("samples: %d per line (%d tasks x %d rounds), one execution at a time; isolation: %s"
          % (len(samples["bare java"]), len(TASKS), rounds, ",".join(sorted(isolation))))
    print("%-20s %10s %10s %14s %28s" % ("", "median", "p90", "CPU (median)", "with sandbox launched ahead"))
    for key, values in samples.items():
        total = statistics.median([c + a for c, a in zip(cpus[key], aheads[key])])
        print("%-20s %8.3f s %8.3f s %10.0f ms %25.0f ms" % (key, statistics.median(values), p90(values),
                                                             statistics.median(cpus[key]) * 1000, total * 1000))
    print("JavaScript runs handed to a sandbox launched ahead: %d of %d (warm-up included)"
          % (service.handed, len(TASKS) * (rounds + 1)))
    java = statistics.median(samples["sandbox java"]) / statistics.median(samples["bare java"])
    node = statistics.median(samples["sandbox javascript"]) / statistics.median(samples["bare node"])
    print()
    print("ratio sandbox java / bare `java File.java`:  %.2f  (target <= 0.50: %s)" % (java, "met" if java <= 0.5 else "NOT met"))
    print("ratio sandbox javascript / bare `node f.js`: %.2f  (target <= 1.00: %s)" % (node, "met" if node <= 1.0 else "NOT met"))


if __name__ == "__main__":
    main()
