# evalwatch sandbox harness for Python. Runs inside the sandbox as the unprivileged user, as the pid namespace's
# init (bubblewrap --as-pid-1): the code cannot signal it, and whatever the code leaves running dies with it.
#
# It loads the solution once and runs the tests one after another, writing one JSON record per event with a
# single unbuffered write to the results channel: a pipe to the service, never stdout or stderr. A record is in
# the pipe before the next line of code runs, so a crash, a kill or an exit keeps every earlier result, and the
# service marks the rest not run. The channel arrives as fd 3 and is moved to a random high descriptor before
# any code of the solution runs, so a stray write to fd 3 lands nowhere; code that goes looking for the pipe can
# still find it (it shares this process), which is why the service checks every record against the protocol.
#
# Only builtin modules are imported here (no json, no re): interpreter start-up is most of a run's cost.
import _json
import os
import sys
import time

MAX_MESSAGE = 2000
# A suite environment's Python packages, when the service bound one read-only at /sandbox/env: after the standard
# library on the path, so nothing in it can shadow a standard module. Without one, the standard library only.
ENVIRONMENT_SITE = "/sandbox/env/python/site"
if os.path.isdir(ENVIRONMENT_SITE):
    sys.path.append(ENVIRONMENT_SITE)
quote = _json.encode_basestring_ascii


def read_spec(path):
    with open(path, "rb") as f:
        return parse_spec(f.read())


def parse_spec(data):
    """Fields are '<byte length>\\n<bytes>\\n' one after another, after a one-line header."""
    header_end = data.index(b"\n")
    if data[:header_end] != b"EVALWATCH-SPEC 1":
        raise ValueError("unknown spec header")
    fields = []
    pos = header_end + 1
    while pos < len(data):
        nl = data.index(b"\n", pos)
        size = int(data[pos:nl])
        fields.append(data[nl + 1:nl + 1 + size].decode("utf-8"))
        pos = nl + 1 + size + 1
    entry_point, has_raw, raw_output, code, count = fields[:5]
    tests = []
    for i in range(int(count)):
        tests.append((fields[5 + 2 * i], fields[6 + 2 * i]))
    return entry_point, raw_output if has_raw == "1" else None, code, tests


def record(event, **fields):
    parts = ['"e":' + quote(event)]
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, (int, float)):
            text = repr(value)
        else:
            text = quote(str(value))
        parts.append(quote(key) + ":" + text)
    return ("{" + ",".join(parts) + "}\n").encode("ascii")


def describe(exc):
    try:
        message = str(exc)
    except BaseException:
        message = "<unprintable>"
    return type(exc).__name__, message[:MAX_MESSAGE]


SOLUTION_FILE = "<solution>"
SENSITIVE_PREFIXES = ("/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/ssh", "/root", "/home", "/var/run/secrets",
                      "/run/secrets", "/proc/1/", "/sys/fs/cgroup", "/dev/mem", "/dev/kmem")
WATCHED = {
    "socket.connect": "network", "socket.bind": "network", "socket.sendto": "network",
    "socket.sendmsg": "network", "socket.getaddrinfo": "network", "socket.gethostbyname": "network",
    "socket.gethostbyaddr": "network",
    "subprocess.Popen": "process", "os.system": "process", "os.exec": "process", "os.posix_spawn": "process",
    "os.spawn": "process", "os.fork": "process", "os.forkpty": "process",
    "os.kill": "signal", "os.killpg": "signal", "signal.pthread_kill": "signal",
    "ctypes.dlopen": "native_code", "ctypes.dlsym": "native_code", "ctypes.string_at": "native_code",
    "ctypes.cdata": "native_code", "ctypes.call_function": "native_code",
    "open": "file", "os.listdir": "file", "os.scandir": "file",
}


def sensitive(path):
    if isinstance(path, bytes):
        path = path.decode("utf-8", "replace")
    if not isinstance(path, str):
        return False
    path = os.path.normpath(path) if path.startswith("/") else path
    if path.startswith(SENSITIVE_PREFIXES):
        return True
    if path.startswith("/proc/"):
        part = path.split("/")
        # /proc/<pid>/... of another process: environ, memory, fds, root
        return len(part) > 3 and part[2].isdigit() and int(part[2]) != os.getpid()
    return False


def install_evidence_hook(send):
    """
    Observes (never blocks) attempts the sandbox contains anyway, so the verdict can name them. Returns the
    switch that stops observing, for the harness's own look at /proc once the code is done.
    """
    seen = set()
    own_pid = os.getpid()
    watching = [True]

    def hook(event, args):
        kind = WATCHED.get(event)
        if kind is None or not watching[0]:
            return
        try:
            if kind == "file":
                if not args or not sensitive(args[0]):
                    return
                kind, detail = "sensitive_file", str(args[0])
            elif kind == "signal":
                target = args[0] if args else None
                if event == "os.kill" and target in (own_pid, 0):
                    return
                if event == "signal.pthread_kill":
                    return
                detail = "%s %r" % (event, tuple(args))
            elif kind == "network":
                detail = "%s %r" % (event, tuple(args[1:]) if event.startswith("socket.connect") else tuple(args))
            else:
                detail = event
            if kind in seen:
                return
            seen.add(kind)
            send(record("evidence", kind=kind, detail=detail[:200]))
        except BaseException:
            pass

    sys.addaudithook(hook)

    def stop():
        watching[0] = False

    return stop


def call_site_signature_error(exc, test_file):
    """A TypeError raised while binding arguments has no frame inside the solution: the signature is wrong."""
    if not isinstance(exc, TypeError):
        return False
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None or last.tb_frame.f_code.co_filename != test_file:
        return False
    text = str(exc)
    return ("positional argument" in text or "keyword argument" in text or "takes" in text
            or "missing" in text)


def compared_values(exc, source, test_file):
    """
    What a bare `assert a == b` compared, as pytest shows it: both sides evaluated again, in the failing test's
    frame, from the assert statement's syntax tree. The scorer reads the values to tell an answer off by one from
    one that is simply wrong. None when the failing statement is not such an assert or its sides cannot be
    evaluated again. Only failed tests pay for the imports.
    """
    tb, frame, line = exc.__traceback__, None, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == test_file:
            frame, line = tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next
    if frame is None:
        return None
    try:
        import ast
        import reprlib

        failing = None
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Assert) and node.lineno <= line <= (node.end_lineno or node.lineno):
                failing = node  # walk goes outside in: the last match is the innermost
        test = failing.test if failing is not None else None
        if not isinstance(test, ast.Compare) or len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
            return None
        shown = reprlib.Repr()
        shown.maxstring, shown.maxother, shown.maxlist, shown.maxtuple = 200, 200, 20, 20
        lines = ["assert " + (ast.get_source_segment(source, test) or "")[:300]]
        for side, expression in (("left", test.left), ("right", test.comparators[0])):
            value = eval(compile(ast.Expression(expression), test_file, "eval"), frame.f_globals, frame.f_locals)
            kind = type(value).__name__
            if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
                kind += ", len %d" % len(value)
            lines.append("%s [%s]: %s" % (side, kind, shown.repr(value).replace("\n", " ")))
        return "\n".join(lines)[:MAX_MESSAGE]
    except BaseException:
        return None


def run(send, code, entry_point, tests):
    perf = time.perf_counter
    getpid, leave = os.getpid, os._exit
    me = getpid()
    namespace = {"__name__": "solution", "__builtins__": __builtins__}
    try:
        exec(code, namespace)
        if getpid() != me:
            leave(0)  # a process the code forked returned into the harness: it must not run the tests too
    except BaseException as exc:
        if getpid() != me:
            leave(0)
        kind, message = describe(exc)
        send(record("load", ok=False, kind="exception", type=kind, message=message))
        return
    candidate = namespace.get(entry_point)
    if not callable(candidate):
        found = "not defined" if candidate is None else "not callable (" + type(candidate).__name__ + ")"
        send(record("load", ok=False, kind="missing_entry_point", message=entry_point + " is " + found))
        return
    code_object = getattr(candidate, "__code__", None)
    send(record("load", ok=True, params=code_object.co_argcount if code_object is not None else -1))
    for index, (name, source) in enumerate(tests):
        send(record("start", i=index))
        test_file = "<test %d>" % index
        status, kind, message, signature = "passed", None, None, False
        began = perf()
        try:
            exec(compile(source, test_file, "exec"), dict(namespace))
        except AssertionError as exc:
            status, (kind, message) = "failed", describe(exc)
            if not message:
                message = compared_values(exc, source, test_file)
        except BaseException as exc:
            status, (kind, message) = "error", describe(exc)
            signature = call_site_signature_error(exc, test_file)
        elapsed = perf() - began
        if getpid() != me:
            leave(0)
        send(record("result", i=index, status=status, type=kind, message=message, seconds=round(elapsed, 6),
                    signature=signature or None))
    send(record("done"))


def results_channel():
    """Moves the inherited results pipe off fd 3, to a descriptor number the code cannot guess."""
    ceiling = max(32, min(os.sysconf("SC_OPEN_MAX"), 4096))  # RLIMIT_NOFILE: descriptors must stay below it
    target = 16 + int.from_bytes(os.urandom(2), "big") % (ceiling - 16)
    os.dup2(3, target, inheritable=False)
    os.close(3)
    return target


def lingering(private_pids):
    """
    Alone in a private pid namespace, every live process besides this one (pid 1) outlived its run. A child
    that has just exited gets a moment to finish doing so; an exited child nobody waited for runs nothing.
    """
    if not private_pids:
        return 0
    me = str(os.getpid())
    live = 0
    for attempt in range(10):
        live = 0
        for entry in os.listdir("/proc"):
            if entry.isdigit() and entry != me:
                try:
                    with open("/proc/%s/stat" % entry, "rb") as f:
                        live += f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
                except (OSError, IndexError):
                    pass
        if not live:
            break
        time.sleep(0.005)
    return live


def serve(spec, private_pids):
    """Runs one solution against its tests; the results channel is fd 3. Called once per process."""
    channel = results_channel()
    write, getpid = os.write, os.getpid
    me = getpid()

    def send(line):
        if getpid() == me:  # a copy the code forked does not report
            write(channel, line)

    entry_point, raw_output, code, tests = spec
    send(record("hello"))
    if raw_output is not None:
        try:
            compile(raw_output, "<raw output>", "exec")
            send(record("raw", compiles=True))
        except BaseException as exc:
            send(record("raw", compiles=False, type=describe(exc)[0]))
    try:
        compiled = compile(code, SOLUTION_FILE, "exec")
    except BaseException as exc:
        kind, message = describe(exc)
        send(record("load", ok=False, kind="syntax", type=kind, message=message, line=getattr(exc, "lineno", None)))
        send(record("end", exit=0))
        return
    stop_watching = install_evidence_hook(send)
    try:
        run(send, compiled, entry_point, tests)
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
    stop_watching()
    left = lingering(private_pids)
    if left:
        send(record("lingering", count=left))
    send(record("end", exit=0))


if __name__ == "__main__":
    serve(read_spec(sys.argv[1]), len(sys.argv) > 2 and sys.argv[2] == "private-pids")
    # skip interpreter teardown: every record is written, the output flushed
    os._exit(0)
