# evalwatch sandbox fork server for Python. One per slot, started by the service inside the slot's sandbox
# (setpriv to the slot's uid, then bubblewrap with new user/pid/net/ipc/uts/cgroup namespaces, read-only system,
# no further user namespaces) with capabilities inside that user namespace only. Interpreter start-up and the
# harness import are paid once, here; every run is a fork of this process that gets namespaces of its own.
#
# Per run:  server --fork--> supervisor: unshare(mount, pid, net, ipc, uts) --fork--> run (pid 1 of a new pid
# namespace) which mounts a fresh size-limited tmpfs on /tmp and a fresh /proc, brings up its own loopback,
# sets the rlimits, starts a new session, drops every capability (no_new_privs and the seccomp filter came
# from bubblewrap and are inherited), and only then runs the harness on the solution. When the run's pid 1
# ends, the kernel kills and reaps everything left in its namespace, so a run can leave nothing behind for the
# next one: not a process, not a file, not a socket, not an IPC object. Keyrings, the one thing shared through
# the user namespace, are closed by the seccomp filter.
#
# The service talks to this process over its stdin (requests) and fd 3 (frames; stdout and stderr go to the
# server's log); this process is the only writer of fd 3, so a run cannot forge the framing:
#   request  RUN <spec bytes> <tmpfs bytes> <cpu s> <file size bytes> <open files> <address space bytes|->
#                <processes|-> <private|shared>\n<spec>
#            KILL\n        (during a run: SIGKILL to the run's pid 1, which takes its whole namespace down)
#   frames   READY <pid>\n once started;  R <n>\n<n bytes of results channel>;  O <n>\n<n bytes of stdout/stderr>;
#            X <exit status>\n when the run and everything it started are gone;  F <n>\n<message> and exit on failure
import ctypes
import fcntl
import os
import resource
import select
import signal
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (its import is what every run would otherwise pay for; it puts /sandbox/env on the path)

# A server for a suite environment imports the modules the suite preloads, once, before any run is forked:
# forkserver.py [--preload numpy,scipy]. A module that fails to import stops the server before READY.
if len(sys.argv) > 2 and sys.argv[1] == "--preload":
    for _module in sys.argv[2].split(","):
        __import__(_module)

import gc  # noqa: E402
# Everything imported so far is moved out of the collector's sight: a run's collections then never touch (and so
# never copy) the pages the server's objects live on, which a preloaded numpy makes many.
gc.freeze()

LIBC = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_RDONLY = 2, 4, 8, 1
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 1, 24, 47, 4
SIOCSIFFLAGS, IFF_UP, IFF_LOOPBACK, IFF_RUNNING = 0x8914, 0x1, 0x8, 0x40
LINUX_CAPABILITY_VERSION_3 = 0x20080522
SYS_CAPSET = {"x86_64": 126, "aarch64": 91}.get(os.uname().machine, -1)
CHUNK = 65536
FRAMES = 3


class SetupFailed(Exception):
    pass


def check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise SetupFailed("%s: %s" % (what, os.strerror(errno)))


def mount(source, target, fstype, flags, data=None):
    check(LIBC.mount(source, target, fstype, ctypes.c_ulong(flags), data), "mount " + target.decode())


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


with open("/proc/sys/kernel/cap_last_cap") as f:
    CAP_LAST = int(f.read())
DEV_NULL = os.open("/dev/null", os.O_RDWR)
os.set_inheritable(DEV_NULL, False)


def become_run(spec, limits, records_w, output_w):
    """In the child of the supervisor: pid 1 of the run's own namespaces. Never returns."""
    try:
        check(LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "set the parent-death signal")
        mount(None, b"/", None, MS_REC | MS_PRIVATE)
        mount(b"tmpfs", b"/tmp", b"tmpfs", MS_NOSUID | MS_NODEV,
              b"size=%d,mode=1777,nr_inodes=65536" % limits["tmpfs"])
        mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        mount(b"/proc/sys", b"/proc/sys", None, MS_BIND | MS_REC)
        mount(None, b"/proc/sys", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", IFF_UP | IFF_LOOPBACK | IFF_RUNNING))
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")  # under memory pressure in the slot's cgroup, the run goes first, never the server
        os.dup2(DEV_NULL, 0)
        os.dup2(output_w, 1)
        os.dup2(output_w, 2)
        os.dup2(records_w, 3)
        os.closerange(4, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu"], limits["cpu"] + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fsize"], limits["fsize"]))
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits["nofile"], limits["nofile"]))
        if limits["as"] is not None:
            resource.setrlimit(resource.RLIMIT_AS, (limits["as"], limits["as"]))
        if limits["nproc"] is not None:
            resource.setrlimit(resource.RLIMIT_NPROC, (limits["nproc"], limits["nproc"]))
        os.setsid()
        os.chdir("/tmp")
        os.environ.clear()
        os.environ.update({"PATH": "/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8"})
        for cap in range(CAP_LAST + 1):
            check(LIBC.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), "drop capability %d from the bounding set" % cap)
        check(LIBC.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "clear the ambient capabilities")
        check(LIBC.syscall(SYS_CAPSET, ctypes.byref(CapHeader(LINUX_CAPABILITY_VERSION_3, 0)),
                           ctypes.byref((CapData * 2)())), "drop every capability")
    except BaseException as exc:
        os.write(output_w, b"evalwatch-sandbox: cannot set up the run: %s\n" % str(exc).encode())
        os._exit(125)
    try:
        harness.serve(harness.parse_spec(spec), limits["private_pids"])
    except BaseException as exc:
        os.write(2, b"evalwatch-sandbox: harness failure: %r\n" % (exc,))
        os._exit(1)
    os._exit(0)


def supervise(spec, limits, records_w, output_w, control_w):
    """In the child of the server: enters new namespaces, starts the run as their pid 1, passes on its status."""
    try:
        check(LIBC.unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET),
              "create the run's namespaces")
        run = os.fork()
    except BaseException as exc:
        os.write(output_w, b"evalwatch-sandbox: cannot start the run: %s\n" % str(exc).encode())
        os._exit(125)
    if run == 0:
        os.close(control_w)
        become_run(spec, limits, records_w, output_w)
    os.write(control_w, b"%d\n" % run)
    for fd in (control_w, records_w, output_w, 0, FRAMES):
        os.close(fd)
    _, status = os.waitpid(run, 0)
    # the shell's encoding, as bubblewrap passes it on: 128 + signal for a run a signal ended
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))


def send(kind, payload=None):
    frame = kind if payload is None else b"%s %d\n%s" % (kind, len(payload), payload)
    view = memoryview(frame)
    while view:
        view = view[os.write(FRAMES, view):]


class Requests:
    """Lines and exact byte counts from stdin, unbuffered beyond what was asked for."""

    def __init__(self):
        self.buffer = bytearray()  # appended to in place: a spec of many megabytes arrives in linear time

    def fill(self):
        data = os.read(0, CHUNK)
        if not data:
            raise EOFError
        self.buffer += data

    def line(self):
        while b"\n" not in self.buffer:
            self.fill()
        end = self.buffer.index(b"\n")
        line = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        return line

    def exactly(self, count):
        while len(self.buffer) < count:
            self.fill()
        data = bytes(self.buffer[:count])
        del self.buffer[:count]
        return data


def parse_request(header):
    parts = header.split()
    if len(parts) != 9 or parts[0] != b"RUN":
        raise ValueError("not a run request: %r" % header[:80])
    optional = lambda v: None if v == b"-" else int(v)  # noqa: E731
    return int(parts[1]), {"tmpfs": int(parts[2]), "cpu": int(parts[3]), "fsize": int(parts[4]),
                           "nofile": int(parts[5]), "as": optional(parts[6]), "nproc": optional(parts[7]),
                           "private_pids": parts[8] == b"private"}


def start_run(spec, limits):
    """Forks the run's supervisor; returns its pid, the run's pid (None if it never started) and the pipes to relay."""
    records_r, records_w = os.pipe()
    output_r, output_w = os.pipe()
    control_r, control_w = os.pipe()
    supervisor = os.fork()
    if supervisor == 0:
        for fd in (records_r, output_r, control_r):
            os.close(fd)
        supervise(spec, limits, records_w, output_w, control_w)
    for fd in (records_w, output_w, control_w):
        os.close(fd)
    with os.fdopen(control_r, "rb") as control:
        line = control.readline().strip()
    return supervisor, int(line) if line else None, {records_r: b"R", output_r: b"O"}


def relay(fd, pipes):
    data = os.read(fd, CHUNK)
    if data:
        send(pipes[fd], data)
    else:
        os.close(fd)
        del pipes[fd]


def take_request(requests, run, supervisor):
    """During a run the service sends only KILL; its end of stdin closing means the service is gone."""
    try:
        requests.fill()
    except EOFError:
        kill(run, supervisor)
        raise
    if b"KILL\n" in requests.buffer:
        requests.buffer = bytearray(requests.buffer.replace(b"KILL\n", b""))
        kill(run, supervisor)


def serve_run(requests, spec, limits):
    supervisor, run, pipes = start_run(spec, limits)
    supervisor_exit = os.pidfd_open(supervisor)
    exit_status = None
    try:
        # until the supervisor has ended (so has everything of the run) and the pipes are drained
        while exit_status is None or pipes:
            wait_on = list(pipes) + ([supervisor_exit, 0] if exit_status is None else [])
            for fd in select.select(wait_on, [], [])[0]:
                if fd in pipes:
                    relay(fd, pipes)
                elif fd == supervisor_exit:
                    exit_status = os.waitstatus_to_exitcode(os.waitpid(supervisor, 0)[1])
                    exit_status = exit_status if exit_status >= 0 else 128 - exit_status
                else:
                    take_request(requests, run, supervisor)
    finally:
        os.close(supervisor_exit)
        for fd in pipes:
            os.close(fd)
    send(b"X %d\n" % exit_status)


def kill(run, supervisor):
    try:
        # the run's pid 1: the kernel takes down everything in its namespace with it
        os.kill(run if run is not None else supervisor, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main():
    requests = Requests()
    send(b"READY %d\n" % os.getpid())
    while True:
        try:
            header = requests.line()
        except EOFError:
            return
        if header in (b"KILL", b""):
            continue  # a kill that arrived after its run had ended
        try:
            size, limits = parse_request(header)
        except ValueError as exc:
            send(b"F", str(exc).encode())
            return
        try:
            spec = requests.exactly(size)
            serve_run(requests, spec, limits)
        except EOFError:
            return


if __name__ == "__main__":
    try:
        main()
    except BaseException as exc:
        try:
            send(b"F", ("fork server failed: %r" % (exc,)).encode())
        finally:
            os._exit(1)
    os._exit(0)
