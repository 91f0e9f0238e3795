package io.evalwatch.security;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who may call what, in one place: reads (GET, HEAD) need a viewer key unless {@code evalwatch.auth.open-reads},
 * everything else an operator key, unless the resource says otherwise with {@link RequiresRole}. Only JAX-RS
 * resources pass here: health, metrics and the simulator's vendor protocol routes are not JAX-RS, so Prometheus and
 * liveness probes need no key and the vendor routes keep their own vendor key check.
 * The key comes as {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}, or from a browser as the
 * {@value #KEY_COOKIE} cookie the console's sign-in sets (HttpOnly, SameSite=Strict, path /console, so another site's
 * form cannot send it); 401 when it is missing or unknown, 403 when its role is too low. A method marked
 * {@link KeyNotRequired} needs no key.
 */
public class AuthFilter {

    /** The cookie a browser presents its key in. */
    public static final String KEY_COOKIE = "evalwatch_key";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiKeys keys;
    private final AuthConfig config;

    public AuthFilter(ApiKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        Role required = required(request.getMethod(), resource);
        if (required == null) {
            return Optional.empty();
        }
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        Optional<Role> role = keys.roleOf(presentedKey(request));
        if (role.isEmpty()) {
            String detail = keys.none()
                    ? "this service has no API key configured (evalwatch.auth.keys-file); every request is refused"
                    : "an API key is required: send Authorization: Bearer <key> (the CLI reads EVALWATCH_API_KEY"
                            + " or EVALWATCH_API_KEY_FILE)";
            return Optional.of(Response.fromResponse(Problems.response(401, detail, null, path))
                    .header("WWW-Authenticate", "Bearer").build());
        }
        if (!role.get().includes(required)) {
            return Optional.of(Problems.response(403, "this needs the " + required.label() + " role; the key presented"
                    + " has the " + role.get().label() + " role", null, path));
        }
        return Optional.empty();
    }

    /** The role a request needs; null when it needs none. */
    private Role required(String method, ResourceInfo resource) {
        Method resourceMethod = resource == null ? null : resource.getResourceMethod();
        if (resourceMethod != null && resourceMethod.isAnnotationPresent(KeyNotRequired.class)) {
            return null;
        }
        RequiresRole explicit = annotation(resource);
        if (explicit != null) {
            return explicit.value();
        }
        if (READS.contains(method)) {
            return config.openReads() ? null : Role.VIEWER;
        }
        return Role.OPERATOR;
    }

    private static RequiresRole annotation(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        RequiresRole onMethod = method.getAnnotation(RequiresRole.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RequiresRole.class);
    }

    private static String presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        String header = request.getHeaderString("X-Api-Key");
        if (header != null) {
            return header.strip();
        }
        jakarta.ws.rs.core.Cookie cookie = request.getCookies().get(KEY_COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue().strip();
    }
}
