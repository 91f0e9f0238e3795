"""HumanEval's 164 canonical solutions through POST /api/executions twice in each round: in the plain sandbox and
in a suite environment that provides numpy and preloads it (python3-numpy from Debian), alternating, so both see
the same machine. Prints each side's median wall time and CPU, and the ratio environment / plain.

usage: environment.py <dataset.jsonl.gz> <sandbox base url> <client concurrency> [rounds] [service pid]
"""
import json
import os
import statistics
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import humaneval  # noqa: E402  (the same client, requests and CPU accounting as the HumanEval benchmark)

NUMPY = {"python": {"source": "debian", "packages": ["numpy"], "preload": ["numpy"]}}


def build(url):
    request = urllib.request.Request(url + "/api/environments?wait=300", data=json.dumps(NUMPY).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": "Bearer " + os.environ["EVALWATCH_API_KEY"]},
                                     method="POST")
    with urllib.request.urlopen(request, timeout=330) as response:
        answer = json.loads(response.read())
    if answer.get("status") != "ready":
        sys.exit("the environment is not ready: %r" % answer)
    return answer


def with_environment(lock_hash):
    plain = humaneval.request

    def request(problem):
        body = json.loads(plain(problem))
        body["environment"] = lock_hash
        return json.dumps(body).encode()
    return request


def run(problems, url, concurrency, pid, request):
    humaneval.request = request
    return humaneval.sandbox_run(problems, url, concurrency, pid)


def main():
    dataset, url, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    pid = int(sys.argv[5]) if len(sys.argv) > 5 else None
    problems = humaneval.load(dataset)
    environment = build(url)
    print("environment %s: %s" % (environment["lockHash"], "; ".join(environment["lock"])))
    plain_request, env_request = humaneval.request, with_environment(environment["lockHash"])
    # one unmeasured round of each: the environment's fork servers start (and import numpy) here
    print("warm-up (not counted): plain %.3f s, environment %.3f s"
          % (run(problems, url, concurrency, pid, plain_request)[0], run(problems, url, concurrency, pid, env_request)[0]))
    sides = {"plain": ([], []), "environment": ([], [])}
    for number in range(1, rounds + 1):
        line = []
        for side, request in (("plain", plain_request), ("environment", env_request)):
            elapsed, passed, isolation, cpu, _ = run(problems, url, concurrency, pid, request)
            if passed != len(problems):
                sys.exit("FAILED: %d/%d passed %s" % (passed, len(problems), side))
            sides[side][0].append(elapsed)
            sides[side][1].append(cpu)
            line.append("%s %.3f s (%.2f s CPU)" % (side, elapsed, cpu))
        print("round %d: %s, isolation %s, load %s" % (number, ", ".join(line), ",".join(sorted(isolation)),
                                                        open("/proc/loadavg").read().split()[0]))
    plain, env = statistics.median(sides["plain"][0]), statistics.median(sides["environment"][0])
    print()
    print("problems:                   %d, %d client threads, median of %d rounds" % (len(problems), concurrency, rounds))
    print("plain sandbox wall time:    %.3f s" % plain)
    print("with numpy environment:     %.3f s  (numpy bound read-only and preloaded by the fork servers)" % env)
    print("ratio environment / plain:  %.2f  (target: at most 1.2)" % (env / plain))
    if pid is not None:
        print("CPU per execution:          plain %.1f ms, environment %.1f ms"
              % (statistics.median(sides["plain"][1]) / len(problems) * 1000,
                 statistics.median(sides["environment"][1]) / len(problems) * 1000))


if __name__ == "__main__":
    main()
