package io.evalwatch.sandbox.language;

/**
 * Why a solution never got to its tests, when a language can only tell from the program's output (a Java
 * compile error happens before the harness runs). kind is syntax, exception or missing_entry_point.
 */
public record LoadFailure(String kind, String type, String message, boolean hallucinatedApi, boolean wrongSignature) {
}
