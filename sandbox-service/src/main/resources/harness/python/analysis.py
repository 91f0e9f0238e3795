# evalwatch static analysis of Python code. Runs inside the sandbox, like the code's execution, because the
# analysers parse and (mypy) import-resolve untrusted text. Writes one JSON record to the results channel (fd 3).
#
# usage: analysis.py <spec> <tools, comma-separated> <mypy cache dir or "-"> [<reference solution file or "-">]
# With a reference solution, mccabe measures it too (mccabe.referenceMaxComplexity): the scorer reports how much
# more convoluted the answer is than needed. The reference is only parsed, never run.
import sys

sys.path.append("/usr/lib/python3/dist-packages")  # the Debian analysers, without running site's .pth hooks

import ast  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402

RESULTS_FD = 3
SOLUTION = "/tmp/solution.py"
MAX_ITEMS = 50


def read_code(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], data.index(b"\n") + 1
    while pos < len(data):
        nl = data.index(b"\n", pos)
        size = int(data[pos:nl])
        fields.append(data[nl + 1:nl + 1 + size].decode("utf-8"))
        pos = nl + 1 + size + 1
    return fields[3]


def run_pyflakes(code):
    from pyflakes import api, messages, reporter

    class Collector(reporter.Reporter):
        def __init__(self):
            super().__init__(io.StringIO(), io.StringIO())
            self.found = []
            self.syntax = None

        def flake(self, message):
            self.found.append(message)

        def syntaxError(self, filename, msg, lineno, offset, text):
            self.syntax = "%s:%s: %s" % (filename, lineno, msg)

        def unexpectedError(self, filename, msg):
            self.syntax = msg

    collector = Collector()
    api.check(code, "solution.py", collector)
    undefined = sorted({m.message_args[0] for m in collector.found if isinstance(m, messages.UndefinedName)})
    return {
        "undefinedNames": undefined,
        "messages": [str(m) for m in collector.found][:MAX_ITEMS],
        "syntaxError": collector.syntax,
    }


def run_mccabe(code):
    import mccabe

    tree = compile(code, "solution.py", "exec", ast.PyCF_ONLY_AST)
    visitor = mccabe.PathGraphingAstVisitor()
    visitor.preorder(tree, visitor)
    functions = {graph.entity: graph.complexity() for graph in visitor.graphs.values()}
    return {"functions": functions, "maxComplexity": max(functions.values(), default=0)}


def reference_complexity(path):
    """The reference solution's highest complexity; None when it cannot be measured (no delta is then reported)."""
    try:
        with open(path, encoding="utf-8") as f:
            return run_mccabe(f.read())["maxComplexity"]
    except BaseException:
        return None


def run_bandit(code):
    import logging

    logging.disable(logging.CRITICAL)
    from bandit.core import config, manager

    bandit = manager.BanditManager(config.BanditConfig(), "file", quiet=True)
    bandit.discover_files([SOLUTION])
    bandit.run_tests()
    issues = [
        {
            "testId": issue.test_id,
            "severity": str(issue.severity),
            "confidence": str(issue.confidence),
            "line": issue.lineno,
            "text": issue.text,
        }
        for issue in bandit.get_issue_list()
    ]
    order = ["UNDEFINED", "LOW", "MEDIUM", "HIGH"]
    highest = max((i["severity"] for i in issues), key=order.index, default=None)
    counts = {severity: sum(1 for i in issues if i["severity"] == severity) for severity in order}
    return {"issues": issues[:MAX_ITEMS], "highestSeverity": highest, "issueCount": len(issues),
            "severityCounts": counts}


def mypy_arguments(cache):
    arguments = ["--check-untyped-defs", "--no-error-summary", "--show-error-codes", "--no-color-output",
                 "--python-executable", sys.executable]
    if cache == "-":
        arguments += ["--cache-dir", os.devnull]
    else:
        arguments += ["--cache-dir", cache]
    return arguments


def run_mypy(cache):
    from mypy import api

    out, err, status = api.run(mypy_arguments(cache) + [SOLUTION])
    errors = [line.replace(SOLUTION, "solution.py") for line in out.splitlines() if ": error:" in line]
    # a module or a module attribute that does not exist is an API the code made up
    missing = [line for line in errors if "Module has no attribute" in line
               or "Cannot find implementation or library stub for module" in line]
    return {"errorCount": len(errors), "errors": errors[:MAX_ITEMS], "missingApis": missing[:MAX_ITEMS]}


def main():
    spec, tools, cache = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
    reference_path = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] != "-" else None
    if tools == ["warm-mypy-cache"]:
        # builds the read-only typeshed cache every later run starts from
        with open(SOLUTION, "w") as f:
            f.write("")
        from mypy import api

        api.run(mypy_arguments(cache) + [SOLUTION])
        os.write(RESULTS_FD, b'{"e":"end","exit":0}\n')
        return
    code = read_code(spec)
    with open(SOLUTION, "w", encoding="utf-8") as f:
        f.write(code)
    try:
        compile(code, "solution.py", "exec")
        parses = True
    except BaseException:
        parses = False
    report = {}
    runners = {"pyflakes": lambda: run_pyflakes(code), "mccabe": lambda: run_mccabe(code),
               "bandit": lambda: run_bandit(code), "mypy": lambda: run_mypy(cache)}
    for tool in tools:
        if tool not in runners:
            continue
        if not parses and tool != "pyflakes":
            report[tool] = {"skipped": "code does not parse"}
            continue
        began = time.perf_counter()
        try:
            report[tool] = runners[tool]()
        except BaseException as exc:
            report[tool] = {"error": "%s: %s" % (type(exc).__name__, str(exc)[:500])}
        if tool == "mccabe" and reference_path is not None and "error" not in report[tool]:
            reference = reference_complexity(reference_path)
            if reference is not None:
                report[tool]["referenceMaxComplexity"] = reference
        report[tool]["seconds"] = round(time.perf_counter() - began, 4)
    os.write(RESULTS_FD, (json.dumps({"e": "analysis", "report": report}) + "\n").encode())
    os.write(RESULTS_FD, b'{"e":"end","exit":0}\n')


main()
