package io.evalwatch.task.rest;

import io.evalwatch.security.Problems;
import io.evalwatch.task.environment.EnvironmentFailedException;
import io.evalwatch.task.environment.EnvironmentUnavailableException;
import io.evalwatch.task.monitor.InvalidMonitorException;
import io.evalwatch.task.monitor.MonitorBusyException;
import io.evalwatch.task.run.InvalidRunException;
import io.evalwatch.task.run.JudgeRefusedException;
import io.evalwatch.task.suite.SuiteValidationException;
import io.evalwatch.task.suite.SuiteVersionConflictException;
import io.evalwatch.task.suite.UnknownSuiteVersionException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns domain errors into problem details that say what was wrong and which field. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalidRun(InvalidRunException e) {
        return json(400, e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response judgeRefused(JudgeRefusedException e) {
        return json(422, "judge", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidSuite(SuiteValidationException e) {
        return json(422, "suite", e.getMessage());
    }

    @ServerExceptionMapper
    public Response suiteVersionConflict(SuiteVersionConflictException e) {
        return json(409, "suite", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownSuiteVersion(UnknownSuiteVersionException e) {
        return json(404, e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return json(400, e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response monitorBusy(MonitorBusyException e) {
        return json(409, "monitor", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidMonitor(InvalidMonitorException e) {
        return json(422, "monitor", e.getMessage());
    }

    @ServerExceptionMapper
    public Response environmentFailed(EnvironmentFailedException e) {
        return json(422, "environment", e.getMessage());
    }

    @ServerExceptionMapper
    public Response environmentUnavailable(EnvironmentUnavailableException e) {
        return Response.fromResponse(json(503, "environment", e.getMessage()))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    /** The shared problem-details shape (service-security), with the input field to blame. */
    static Response json(int status, String field, String message) {
        return Problems.response(status, message, field, null);
    }
}
