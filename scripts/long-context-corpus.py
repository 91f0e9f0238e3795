#!/usr/bin/env python3
"""Writes the long-context probe's corpus: public top-level functions of CPython's standard library (PSF licence,
see LICENSE-PSF.txt beside the output), each with its docstring removed from the code and the docstring's first
paragraph, the function's name blanked out, kept as its description. Deterministic for a given Python version.

    python3 scripts/long-context-corpus.py /usr/lib/python3.11 \
        events/src/main/resources/io/evalwatch/events/probe/long-context-corpus.jsonl
"""
import ast
import json
import re
import sys
from pathlib import Path

MODULES = ["textwrap", "shlex", "fnmatch", "glob", "posixpath", "ntpath", "genericpath", "shutil", "difflib",
           "heapq", "bisect", "statistics", "calendar", "colorsys", "base64", "quopri", "urllib/parse", "email/utils",
           "inspect", "functools", "tokenize", "pprint", "string", "keyword", "os", "tarfile", "zipfile",
           "http/cookiejar", "mimetypes", "gettext", "locale", "imaplib", "smtplib", "platform", "sysconfig",
           "subprocess", "pickletools", "codecs", "copy", "dataclasses", "typing", "ast", "dis", "traceback",
           "warnings", "linecache", "pathlib", "uuid", "ipaddress", "json/decoder", "json/encoder", "csv", "html/__init__",
           "webbrowser", "pydoc", "doctest", "tempfile", "filecmp", "fileinput", "getopt", "optparse", "gzip", "bz2",
           "lzma", "wave", "secrets", "random", "fractions", "decimal", "numbers", "operator", "enum", "contextlib",
           "abc", "weakref", "reprlib", "cgi", "nturl2path", "stringprep", "unicodedata", "sre_compile", "re/_compiler",
           "re/_parser", "logging/__init__", "logging/config", "xml/dom/minidom", "xml/sax/saxutils", "zipimport",
           "site", "runpy", "pkgutil", "importlib/util", "modulefinder", "compileall", "py_compile", "timeit",
           "trace", "cProfile", "pstats", "netrc", "ftplib", "poplib", "nntplib", "mailbox", "mailcap", "uu",
           "binhex", "xdrlib", "chunk", "sndhdr", "imghdr", "aifc", "sunau", "selectors", "socket", "ssl",
           "asyncio/tasks", "asyncio/base_events", "concurrent/futures/_base", "multiprocessing/util", "sched",
           "queue", "threading", "graphlib", "zoneinfo/_common", "tomllib/_parser", "email/_header_value_parser",
           "email/quoprimime", "email/base64mime", "email/header", "http/client", "http/server", "urllib/request",
           "wsgiref/util", "xmlrpc/client", "plistlib", "configparser", "argparse", "cmd", "code", "codeop",
           "symtable", "tabnanny", "pyclbr", "opcode", "bdb", "pdb", "profile", "shelve", "dbm/__init__", "sqlite3/dump"]
MAX_CHARS = 460_000
MIN_DESCRIPTION = 40


def main(root, out):
    entries, total, seen_names, seen_descriptions = [], 0, set(), set()
    for module in MODULES:
        path = Path(root) / (module + ".py")
        if not path.is_file():
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines(keepends=True)
        for node in ast.parse(source).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_") or node.name in seen_names:
                continue
            doc = ast.get_docstring(node)
            if not doc or not isinstance(node.body[0], ast.Expr) or len(node.body) < 2:
                continue
            description = re.sub(r"\s+", " ", doc.split("\n\n")[0]).strip()
            description = re.sub(r"\b" + re.escape(node.name) + r"\b", "this function", description)
            if len(description) < MIN_DESCRIPTION or description in seen_descriptions:
                continue
            start = (node.decorator_list[0].lineno if node.decorator_list else node.lineno) - 1
            doc_node = node.body[0]
            code = "".join(lines[start:doc_node.lineno - 1] + lines[doc_node.end_lineno:node.end_lineno])
            if not 150 <= len(code) <= 5000 or total + len(code) > MAX_CHARS:
                continue
            seen_names.add(node.name)
            seen_descriptions.add(description)
            total += len(code)
            entries.append({"file": module.split("/")[-1].replace("__init__", module.split("/")[0]) + ".py"
                            if module.endswith("__init__") else module + ".py",
                            "name": node.name, "description": description, "code": code})
    with open(out, "w", encoding="utf-8") as f:
        for e in entries:
            f.write(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(entries)} functions, {total} characters", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
