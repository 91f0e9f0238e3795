package io.evalwatch.sandbox.isolation;

import java.util.List;
import java.util.Map;

/**
 * What to run in one sandbox: files written to its read-only input directory, the command (paths as seen
 * inside), extra binds, and whether the address-space rlimit applies (runtimes that reserve large virtual
 * ranges up front, the JVM and V8, are held by the memory cgroup instead).
 *
 * @param forkSpec when not null, the same run as a harness spec a slot's Python fork server can take instead
 *     of launching the command (see {@link ForkServer})
 * @param environment the suite environment bound read-only at {@link EnvironmentMount#SANDBOX_PATH}, or null
 * @param precompile when not null, the source the compile server compiles first and the command that runs the
 *     compiled classes; command is then what runs where there is no compile server
 */
public record Program(
        String language,
        Map<String, byte[]> inputFiles,
        List<String> command,
        List<Bind> binds,
        boolean limitAddressSpace,
        byte[] forkSpec,
        EnvironmentMount environment,
        Precompile precompile) {

    public Program(String language, Map<String, byte[]> inputFiles, List<String> command, List<Bind> binds,
            boolean limitAddressSpace, byte[] forkSpec, EnvironmentMount environment) {
        this(language, inputFiles, command, binds, limitAddressSpace, forkSpec, environment, null);
    }

    public Program(String language, Map<String, byte[]> inputFiles, List<String> command, List<Bind> binds,
            boolean limitAddressSpace, byte[] forkSpec) {
        this(language, inputFiles, command, binds, limitAddressSpace, forkSpec, null, null);
    }

    public Program(String language, Map<String, byte[]> inputFiles, List<String> command, List<Bind> binds,
            boolean limitAddressSpace) {
        this(language, inputFiles, command, binds, limitAddressSpace, null, null, null);
    }
}
