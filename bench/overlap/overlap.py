"""The overlap benchmark's Python half (bench/overlap/overlap.sh runs it).

  overlap.py generate SUITES TRAIN PLANTED SAMPLES SEED   a training file of SAMPLES lines, deterministic from SEED:
      unrelated code and text, plus planted copies of suite tasks (exact, cosmetic, perturbed), listed in PLANTED
  overlap.py brute DOCUMENTS CHECK PLANTED PAIRS SEED THRESHOLD   difflib over PAIRS random task x line pairs and
      every planted pair, on the texts the check compared (DOCUMENTS, its --documents output); compared with CHECK
      (its --format json output); then every pair CHECK flags, rechecked
"""
import difflib
import glob
import json
import os
import random
import re
import sys
import time

import yaml

WORDS = ("account balance invoice customer order list value number string return result index sort merge filter "
         "count total average report record table column row parse format date time user name email address city "
         "price amount tax rate item product stock warehouse shipment route graph node edge tree path depth queue "
         "stack cache key map hash set buffer stream file line word token vector matrix point circle square "
         "weather recipe garden music movie travel hotel flight train station museum river mountain forest").split()
FUNCS = ("def {f}({a}, {b}):\n    {r} = []\n    for {i} in range(len({a})):\n        if {a}[{i}] {op} {b}:\n"
         "            {r}.append({a}[{i}] {op2} {n})\n    return {r}\n",
         "def {f}({a}):\n    {r} = {{}}\n    for {i} in {a}:\n        {r}[{i}] = {r}.get({i}, 0) + {n}\n"
         "    return sorted({r}.items(), key=lambda kv: kv[1])\n",
         "class {F}:\n    def __init__(self, {a}):\n        self.{a} = {a}\n        self.{r} = {n}\n\n"
         "    def {f}(self, {b}):\n        self.{r} {op2}= {b}\n        return self.{a} {op} self.{r}\n",
         "function {f}({a}, {b}) {{\n  const {r} = {a}.map(({i}) => {i} {op2} {n});\n"
         "  return {r}.filter(({i}) => {i} {op} {b});\n}}\n")


def ident(rnd):
    return "_".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 2)))


def unrelated_code(rnd):
    parts = []
    for _ in range(rnd.randint(1, 3)):
        f = ident(rnd)
        parts.append(rnd.choice(FUNCS).format(f=f, F=f.title().replace("_", ""), a=ident(rnd), b=ident(rnd),
                                               r=ident(rnd), i=rnd.choice("ijkxyz"), n=rnd.randint(0, 999),
                                               op=rnd.choice(["<", ">", "==", "!="]),
                                               op2=rnd.choice(["+", "-", "*"])))
    return "\n".join(parts)


def unrelated_text(rnd):
    sentences = []
    for _ in range(rnd.randint(1, 5)):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(6, 18))]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def unrelated(rnd):
    shape = rnd.random()
    if shape < 0.35:
        return {"prompt": unrelated_text(rnd), "completion": unrelated_code(rnd)}
    if shape < 0.55:
        return {"messages": [{"role": "user", "content": unrelated_text(rnd)},
                             {"role": "assistant", "content": unrelated_code(rnd)}]}
    if shape < 0.7:
        return {"instruction": unrelated_text(rnd), "input": "", "output": unrelated_code(rnd)}
    if shape < 0.85:
        return {"text": unrelated_text(rnd) + "\n" + unrelated_code(rnd)}
    return {"code": unrelated_code(rnd)}


def tasks(suites):
    found = []
    for path in sorted(glob.glob(os.path.join(suites, "*", "tasks", "*.yaml"))):
        with open(path) as f:
            task = yaml.safe_load(f)
        suite = os.path.basename(os.path.dirname(os.path.dirname(path)))
        tests = "\n".join(t["code"] for t in task.get("tests", []))
        found.append((suite, task["id"], task.get("prompt", ""), task.get("reference", "") or "", tests))
    return found


def cosmetic(rnd, code):
    """Reformatted: comments added, blank lines and trailing spaces, tabs for spaces."""
    lines = []
    for line in code.split("\n"):
        if rnd.random() < 0.3:
            lines.append("# " + unrelated_text(rnd)[:40])
        lines.append(line.replace("    ", "\t") + ("  " if rnd.random() < 0.3 else ""))
    return "\n".join(lines)


def perturbed(rnd, text, rate):
    """Identifiers and words replaced at the given rate (a renamed variable everywhere, a reworded sentence)."""
    renames = {}

    def swap(m):
        word = m.group(0)
        if word not in renames:
            renames[word] = rnd.choice(WORDS) if rnd.random() < rate else word
        return renames[word]
    return re.sub(r"[A-Za-z_][A-Za-z_0-9]*", swap, text)


def planted(rnd, task):
    _, _, prompt, reference, tests = task
    kind = rnd.choice(["exact", "exact", "cosmetic", "perturbed", "perturbed", "perturbed"])
    if kind == "cosmetic":
        reference = cosmetic(rnd, reference)
        prompt = prompt.upper() if rnd.random() < 0.5 else "  " + prompt.replace(" ", "  ")
    elif kind == "perturbed":
        rate = rnd.choice([0.05, 0.1, 0.2, 0.3, 0.45])
        kind = "perturbed %.2f" % rate
        prompt, reference, tests = (perturbed(rnd, t, rate) for t in (prompt, reference, tests))
    shape = rnd.random()
    if shape < 0.3:
        record = {"prompt": prompt, "completion": reference}
    elif shape < 0.5:
        record = {"messages": [{"role": "system", "content": "You write Python."},
                               {"role": "user", "content": prompt}, {"role": "assistant", "content": reference}]}
    elif shape < 0.65:
        record = {"instruction": prompt, "input": "", "output": reference}
    elif shape < 0.8:
        record = {"text": prompt + "\n" + reference}
    elif shape < 0.9:
        record = {"code": reference}
    else:
        record = {"code": tests}
    return kind, record


def generate(suites, train, planted_file, samples, seed):
    rnd = random.Random(seed)
    all_tasks = tasks(suites)
    chosen = rnd.sample(all_tasks, min(len(all_tasks), samples // 200))
    plants = []
    for task in chosen:
        for _ in range(rnd.choice([1, 1, 2])):
            plants.append((task, *planted(rnd, task)))
    lines = {}
    for task, kind, record in plants:
        line = rnd.randint(1, samples)
        while line in lines:
            line = rnd.randint(1, samples)
        lines[line] = (task, kind, record)
    listed = []
    with open(train, "w") as out:
        for line in range(1, samples + 1):
            if line in lines:
                task, kind, record = lines[line]
                listed.append({"suite": task[0], "task": task[1], "line": line, "kind": kind})
            else:
                record = unrelated(rnd)
            out.write(json.dumps(record) + "\n")
    with open(planted_file, "w") as out:
        json.dump(listed, out)
    print("generated %d samples (%d planted copies of %d tasks) from %d tasks" % (samples, len(listed),
                                                                                len(chosen), len(all_tasks)))


def brute(documents, check_file, planted_file, pairs, seed, threshold):
    task_docs, line_docs = {}, {}
    with open(documents) as f:
        for raw in f:
            d = json.loads(raw)
            if "task" in d:
                task_docs.setdefault((d["suite"], d["task"]), []).append((d["part"], d["text"]))
            else:
                line_docs.setdefault(d["line"], []).append((d["part"], d["text"]))
    with open(check_file) as f:
        check = json.load(f)
    ours = {}
    for o in check["overlaps"]:
        for m in o["lines"]:
            ours[((o["suite"], o["task"]), m["line"])] = m["similarity"]
    with open(planted_file) as f:
        plants = json.load(f)
    rnd = random.Random(seed)
    task_keys = sorted(task_docs)
    lines = sorted(line_docs)
    sample = {(rnd.choice(task_keys), rnd.choice(lines)) for _ in range(pairs)}
    random_pairs = len(sample)
    sample |= {((p["suite"], p["task"]), p["line"]) for p in plants}

    def best(pair):
        task, line = pair
        return max((difflib.SequenceMatcher(None, a, b).ratio() for _, a in task_docs[task]
                    for _, b in line_docs.get(line, [])), default=0.0)

    start = time.perf_counter()
    scores = {pair: best(pair) for pair in sorted(sample)}
    seconds = time.perf_counter() - start
    flagged = {p for p, s in scores.items() if s >= threshold}
    found = {p for p in flagged if p in ours}
    ours_only = {p for p in sample if p in ours and p not in flagged}
    differ = max((abs(ours[p] - scores[p]) for p in found), default=0.0)
    planted_pairs = {((p["suite"], p["task"]), p["line"]) for p in plants}
    planted_flagged = {p for p in planted_pairs if scores[p] >= threshold}
    per_pair = seconds / len(sample)
    full = per_pair * len(task_docs) * check["samples"]
    print("brute force (python3 difflib, one core): %d pairs (%d random, %d planted) in %.1f s, %.2f ms per"
          " task x line pair; the full %d x %d would take %.0f s (%.1f h)" % (
              len(sample), random_pairs, len(planted_pairs), seconds, per_pair * 1000, len(task_docs),
              check["samples"], full, full / 3600))
    print("brute force flags %d of the sampled pairs (%d of %d planted, %d random); suites overlap flags %d of"
          " them: recall %.2f %%" % (len(flagged), len(planted_flagged), len(planted_pairs),
                                     len(flagged - planted_pairs), len(found),
                                     100.0 * len(found) / len(flagged) if flagged else 100.0))
    print("flagged by suites overlap but not by brute force: %d; largest score difference on pairs both flag:"
          " %.3g" % (len(ours_only), differ))
    start = time.perf_counter()
    confirmed = sum(1 for pair in ours if best(pair) >= threshold)
    print("every pair suites overlap flags, rechecked by brute force: %d of %d confirmed (%.1f s)" % (
        confirmed, len(ours), time.perf_counter() - start))
    missed = sorted(flagged - found)
    for task, line in missed[:10]:
        print("  missed: %s/%s line %d (ratio %.3f)" % (task[0], task[1], line, scores[(task, line)]))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        brute(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]))
