package io.evalwatch.sandbox.environment;

/** An environment could not be resolved or built; names the package at fault where there is one. */
public class EnvironmentBuildException extends Exception {

    private final String failedPackage;

    public EnvironmentBuildException(String message, String failedPackage) {
        super(message);
        this.failedPackage = failedPackage;
    }

    public EnvironmentBuildException(String message, String failedPackage, Throwable cause) {
        super(message, cause);
        this.failedPackage = failedPackage;
    }

    /** The package that failed to resolve or build, or null when the failure is not one package's. */
    public String failedPackage() {
        return failedPackage;
    }
}
