package io.evalwatch.sandbox.isolation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The seccomp filter every sandboxed run gets, as the classic BPF program bubblewrap's {@code --seccomp} loads:
 * a deny-list of system calls no test needs and that open doors between runs or into other processes. Refused
 * calls fail with EPERM; a call through a foreign ABI (32-bit x86 on x86_64, and x32) kills the process, since
 * its numbers would slip past the list.
 */
public final class SeccompFilter {

    /** What is refused, and why. */
    public static final List<String> DENIED = List.of(
            "add_key", "request_key", "keyctl", // keyrings: per uid within a user namespace, a slot's runs share one
            "ptrace", "process_vm_readv", "process_vm_writev", // reading or steering other processes
            "perf_event_open", "bpf", "userfaultfd"); // kernel interfaces with a history of exploits

    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int RET_K = 0x06;
    private static final int RET_ERRNO_EPERM = 0x00050000 | 1;
    private static final int RET_ALLOW = 0x7FFF0000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int X32_SYSCALL_BIT = 0x40000000;

    private record Arch(int auditArch, boolean hasX32, Map<String, Integer> numbers) {
    }

    private static final Map<String, Arch> ARCHES = Map.of(
            "amd64", new Arch(0xC000003E, true, Map.of("add_key", 248, "request_key", 249, "keyctl", 250,
                    "ptrace", 101, "process_vm_readv", 310, "process_vm_writev", 311, "perf_event_open", 298,
                    "bpf", 321, "userfaultfd", 323)),
            "aarch64", new Arch(0xC00000B7, false, Map.of("add_key", 217, "request_key", 218, "keyctl", 219,
                    "ptrace", 117, "process_vm_readv", 270, "process_vm_writev", 271, "perf_event_open", 241,
                    "bpf", 280, "userfaultfd", 282)));

    private SeccompFilter() {
    }

    /** The program for this host's architecture (os.arch), or empty where its system call numbers are not known. */
    public static Optional<byte[]> forHost() {
        String arch = System.getProperty("os.arch");
        return Optional.ofNullable(ARCHES.get("x86_64".equals(arch) ? "amd64" : arch)).map(SeccompFilter::program);
    }

    private static byte[] program(Arch arch) {
        Map<Integer, String> denied = new TreeMap<>();
        for (String name : DENIED) {
            denied.put(arch.numbers().get(name), name);
        }
        int length = 4 + (arch.hasX32() ? 2 : 0) + 2 * denied.size() + 1;
        ByteBuffer code = ByteBuffer.allocate(8 * length).order(ByteOrder.nativeOrder());
        // seccomp_data: nr at offset 0, arch at offset 4
        instruction(code, LD_W_ABS, 0, 0, 4);
        instruction(code, JEQ_K, 1, 0, arch.auditArch());
        instruction(code, RET_K, 0, 0, RET_KILL_PROCESS);
        instruction(code, LD_W_ABS, 0, 0, 0);
        if (arch.hasX32()) {
            instruction(code, JGE_K, 0, 1, X32_SYSCALL_BIT);
            instruction(code, RET_K, 0, 0, RET_KILL_PROCESS);
        }
        for (int number : denied.keySet()) {
            instruction(code, JEQ_K, 0, 1, number);
            instruction(code, RET_K, 0, 0, RET_ERRNO_EPERM);
        }
        instruction(code, RET_K, 0, 0, RET_ALLOW);
        return code.array();
    }

    private static void instruction(ByteBuffer code, int op, int jumpIfTrue, int jumpIfFalse, int k) {
        code.putShort((short) op).put((byte) jumpIfTrue).put((byte) jumpIfFalse).putInt(k);
    }
}
