package io.evalwatch.sandbox.isolation;

import java.nio.file.Path;

/** A host path made visible inside the sandbox; read-only unless writable. */
public record Bind(Path host, String sandbox, boolean writable) {

    public static Bind readOnly(Path host, String sandbox) {
        return new Bind(host, sandbox, false);
    }
}
