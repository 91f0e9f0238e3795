package io.evalwatch.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.simulator.answer.MutationCheck;
import io.evalwatch.simulator.task.SimTask;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task's tests against mutated Python solutions with the local python3, so that a mistake which happens to
 * pass (say, a bound no test reaches) is never served as a failing answer. All candidates of a call run in one
 * Python process, each in a fresh namespace and under a time limit. Tasks without tests, or in another language,
 * are taken at their word. It runs suite and admin-registered code: keep the simulator on a trusted network.
 */
public class PythonMutationCheck implements MutationCheck {

    private static final Logger LOG = Logger.getLogger(PythonMutationCheck.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNNER = String.join("\n",
            "import io, json, signal, sys",
            "job = json.load(sys.stdin)",
            "out = sys.stdout",
            "class Expired(BaseException):",
            "    pass",
            "def expire(signum, frame):",
            "    raise Expired()",
            "signal.signal(signal.SIGALRM, expire)",
            "def fails(code):",
            "    sys.stdout = io.StringIO()",
            "    sys.stderr = io.StringIO()",
            "    signal.setitimer(signal.ITIMER_REAL, job['seconds'])",
            "    try:",
            "        scope = {'__name__': '__candidate__'}",
            "        exec(compile(code, '<candidate>', 'exec'), scope)",
            "        for test in job['tests']:",
            "            exec(compile(test, '<test>', 'exec'), dict(scope))",
            "        return False",
            "    except BaseException:",
            "        return True",
            "    finally:",
            "        signal.setitimer(signal.ITIMER_REAL, 0)",
            "result = []",
            "for group in job['groups']:",
            "    result.append(next((i for i, code in enumerate(group) if fails(code)), -1))",
            "out.write('\\n' + json.dumps(result) + '\\n')",
            "out.flush()",
            "");

    private final String python;
    private final double secondsPerCandidate;
    private volatile boolean unavailable;

    public PythonMutationCheck(String python, double secondsPerCandidate) {
        this.python = python;
        this.secondsPerCandidate = secondsPerCandidate;
    }

    @Override
    public int[] firstFailing(SimTask task, List<List<String>> groups) {
        if (unavailable || task.tests().isEmpty() || !"python".equalsIgnoreCase(task.language())) {
            return ASSUME_FAILS.firstFailing(task, groups);
        }
        ObjectNode job = JSON.createObjectNode().put("seconds", secondsPerCandidate);
        ArrayNode tests = job.putArray("tests");
        task.tests().forEach(test -> tests.add(test.code()));
        ArrayNode groupsNode = job.putArray("groups");
        int candidates = 0;
        for (List<String> group : groups) {
            ArrayNode node = groupsNode.addArray();
            group.forEach(code -> node.add(task.runnable(code)));
            candidates += group.size();
        }
        Process process = null;
        try {
            process = new ProcessBuilder(python, "-I", "-c", RUNNER)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            InputStream stdout = process.getInputStream();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(stdout));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(JSON.writeValueAsBytes(job));
            }
            long limit = (long) Math.ceil(secondsPerCandidate * candidates) + 10;
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                LOG.warnf("checking the mistakes of task %s took over %d s; taken to fail", task.id(), limit);
                return ASSUME_FAILS.firstFailing(task, groups);
            }
            String[] lines = new String(output.get(5, TimeUnit.SECONDS)).strip().split("\n");
            JsonNode result = JSON.readTree(lines[lines.length - 1]);
            int[] first = new int[groups.size()];
            for (int i = 0; i < first.length; i++) {
                first[i] = result.get(i).asInt();
            }
            return first;
        } catch (IOException e) {
            unavailable = true;
            LOG.warnf("cannot run %s (%s): mistakes are no longer checked against the tests", python, e.getMessage());
            return ASSUME_FAILS.firstFailing(task, groups);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ASSUME_FAILS.firstFailing(task, groups);
        } catch (Exception e) {
            LOG.warnf("checking the mistakes of task %s failed (%s); taken to fail", task.id(), e.toString());
            return ASSUME_FAILS.firstFailing(task, groups);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream; ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            stream.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
