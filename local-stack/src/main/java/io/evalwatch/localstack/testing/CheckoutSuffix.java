package io.evalwatch.localstack.testing;

import io.evalwatch.localstack.LocalStack;
import java.nio.file.Path;

/**
 * A short tag of the checkout the tests run from, appended to the names of their PostgreSQL databases: two
 * checkouts building at once on one machine (a CI clone beside a working copy) then never clean each other's
 * schema mid-test. The same checkout always gets the same tag, so its databases are reused, not piled up.
 */
public final class CheckoutSuffix {

    private CheckoutSuffix() {
    }

    /** "_" and 8 hex digits of the SHA-256 of the checkout's absolute path. */
    public static String of(Path checkoutRoot) {
        String path = checkoutRoot.toAbsolutePath().normalize().toString();
        return "_" + LocalStack.sha256Hex(path).substring(0, 8);
    }

    /** For a test running in one of the project's modules (the working directory is the module's folder). */
    public static String ofModuleTest() {
        return of(Path.of("").toAbsolutePath().getParent());
    }
}
