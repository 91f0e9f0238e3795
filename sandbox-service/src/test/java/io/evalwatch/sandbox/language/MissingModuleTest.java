package io.evalwatch.sandbox.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.sandbox.config.SandboxConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which load failures name a dependency the environment lacks, and which stay hallucinated APIs. */
class MissingModuleTest {

    private static final SandboxConfig CONFIG = new SmallRyeConfigBuilder().withMapping(SandboxConfig.class).build()
            .getConfigMapping(SandboxConfig.class);
    private static final JavaScriptLanguage JS = new JavaScriptLanguage(CONFIG);
    private static final JavaLanguage JAVA = new JavaLanguage(CONFIG);

    @Test
    void javascriptNamesTheNpmPackageOfAModuleNotFound() {
        String message = "Cannot find module 'left-pad'\nRequire stack:\n- /sandbox/harness/javascript/harness.js";
        assertEquals(Optional.of("left-pad"), JS.missingModule("Error", message));
        assertFalse(JS.hallucinatedApi("Error", message), "a missing package is not counted twice");
        assertEquals(Optional.of("@scope/pkg"), JS.missingModule("Error", "Cannot find module '@scope/pkg/lib/x.js'"));
        assertEquals(Optional.of("lodash"), JS.missingModule("Error", "Cannot find module 'lodash/fp'"));
    }

    @Test
    void javascriptPathsAreNotPackages() {
        assertEquals(Optional.empty(), JS.missingModule("Error", "Cannot find module './helpers'"));
        assertEquals(Optional.empty(), JS.missingModule("Error", "Cannot find module '/etc/thing'"));
        assertEquals(Optional.empty(), JS.missingModule("Error", "Cannot find module 'Not A Name'"));
        assertTrue(JS.hallucinatedApi("Error", "Cannot find module './helpers'"));
        assertEquals(Optional.empty(), JS.missingModule("TypeError", "Cannot find module 'left-pad'"));
    }

    @Test
    void javaNamesThePackageOutsideTheJdk() {
        assertEquals(Optional.of("org.apache.commons.lang3"),
                JAVA.missingModule("CompilationError", "package org.apache.commons.lang3 does not exist"));
        assertEquals(Optional.of("com.google.common.collect"),
                JAVA.missingModule("CompilationError", "line 3: package com.google.common.collect does not exist"));
        assertEquals(Optional.empty(), JAVA.missingModule("CompilationError", "package java.utils does not exist"));
        assertEquals(Optional.empty(), JAVA.missingModule("CompilationError", "package javax.magic does not exist"));
        assertEquals(Optional.empty(), JAVA.missingModule("CompilationError", "cannot find symbol"));
    }
}
