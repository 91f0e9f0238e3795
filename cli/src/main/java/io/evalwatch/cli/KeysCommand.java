package io.evalwatch.cli;

import io.evalwatch.localstack.LocalStack;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** API keys for the services: created here, given to the services only as the SHA-256 of the key. */
@Command(name = "keys", description = "API keys: the stack's own, or one more for a role (viewer, operator, admin).",
        footerHeading = "%nExamples:%n", footer = {"  ./evalwatch keys init",
            "  ./evalwatch keys create --role operator --name ci"},
        subcommands = {KeysCommand.Init.class, KeysCommand.Create.class})
public class KeysCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "init", description = "Create the stack's admin key and the hashed keys file in .evalwatch/, as"
            + " ./evalwatch up does (docker-compose reads the same files); keeps a key that exists. Prints where they"
            + " are, never the key.",
            footerHeading = "%nExamples:%n", footer = {"  ./evalwatch keys init"})
    static class Init implements Callable<Integer> {
        @Override
        public Integer call() {
            LocalStack stack = EvalwatchCommand.localStack();
            stack.apiKey();
            System.out.println("admin key: " + stack.apiKeyFile() + " (mode 600; the CLI reads it)");
            System.out.println("hashed keys the services accept: " + stack.apiKeysFile());
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", description = "Create a random key and print it once, with the line to add to the"
            + " services' keys file (evalwatch.auth.keys-file, EVALWATCH_AUTH_KEYS_FILE). Only that hashed line goes"
            + " to the services; keep the key itself where its user reads it (EVALWATCH_API_KEY_FILE).",
            footerHeading = "%nExamples:%n", footer = {"  ./evalwatch keys create --role viewer --name dashboard",
                "  ./evalwatch keys create --role operator --name ci"})
    static class Create implements Callable<Integer> {

        /** The roles service-security knows, viewer < operator < admin. */
        enum Role { viewer, operator, admin }

        @Option(names = "--role", required = true, description = "viewer, operator or admin")
        Role role;

        @Option(names = "--name", defaultValue = "key", description = "a name the services log instead of the key"
                + " (default: ${DEFAULT-VALUE})")
        String name;

        @Override
        public Integer call() {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            System.out.println("key (shown only now):");
            System.out.println("  " + key);
            System.out.println("line for the services' keys file:");
            System.out.println("  " + line(role.name(), key, name));
            return ExitCodes.OK;
        }

        static String line(String role, String key, String name) {
            return role + " " + LocalStack.sha256Hex(key) + " " + name.strip().replaceAll("\\s+", "-");
        }
    }
}
