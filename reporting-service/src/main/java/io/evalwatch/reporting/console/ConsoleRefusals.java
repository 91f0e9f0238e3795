package io.evalwatch.reporting.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A console page that fails answers as a page, not as the API's problem JSON: a refused key (401, 403) says which
 * role is needed and links to the sign-in form; other errors (404, 400) say what was wrong. The status stays.
 */
public class ConsoleRefusals {

    @Location("console/refused.html")
    Template refusedPage;

    @ServerResponseFilter
    public void asPage(ContainerRequestContext request, ContainerResponseContext response) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("/console") || response.getStatus() < 400
                || !(response.getEntity() instanceof Map<?, ?> problem)) {
            return;
        }
        int status = response.getStatus();
        Object detail = problem.get("detail");
        String next = path.startsWith("/console/alerts/") ? "/console/alerts" : path;
        String html = ConsolePages.render(refusedPage.data("status", status).data("title", problem.get("title"))
                .data("detail", detail == null ? "" : detail.toString()).data("signIn", status == 401 || status == 403)
                .data("next", next), "");
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE);
        response.getHeaders().putSingle("Content-Type", MediaType.TEXT_HTML + ";charset=UTF-8");
    }
}
