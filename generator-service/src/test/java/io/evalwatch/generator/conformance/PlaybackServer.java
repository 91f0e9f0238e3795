package io.evalwatch.generator.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A vendor that plays recorded exchanges back byte by byte on a raw socket, so that what the HTTP client meets is
 * under the test's control down to the connection: chunk boundaries in awkward places (inside a UTF-8 character,
 * between "data" and ":", between the two newlines ending an event), a response written before the request body
 * was read (as a loading llama.cpp server does), kept-alive connections, connections closed mid-stream.
 * <p>
 * Exchanges are served in order, one per well-formed request, whatever connection it arrives on. A request whose
 * first line is not an HTTP request line (the leftover body of an unread request, read as the next request) is
 * answered {@code 400} with an empty body on the same kept-alive connection, as cpp-httplib does; it takes no
 * exchange.
 */
public final class PlaybackServer implements AutoCloseable {

    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z]+ \\S+ HTTP/1\\.[01]");

    /** One scripted response. */
    /**
     * @param readBody whether the server reads the request body before answering
     * @param close whether the server closes the connection after the response
     * @param cut whether the response stops without its end (no last chunk) and the connection is dropped
     */
    public record Exchange(int status, Map<String, String> headers, byte[] body, boolean readBody, boolean chunked,
            boolean close, boolean cut) {
    }

    private final ServerSocket server;
    private final List<Exchange> exchanges;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger malformed = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requestBodies = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "playback");
        t.setDaemon(true);
        return t;
    });

    public PlaybackServer(List<Exchange> exchanges) throws IOException {
        this.exchanges = List.copyOf(exchanges);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int served() {
        return Math.min(next.get(), exchanges.size());
    }

    public boolean exhausted() {
        return next.get() >= exchanges.size();
    }

    public int malformedRequests() {
        return malformed.get();
    }

    public int connections() {
        return connections.get();
    }

    public List<String> requestBodies() {
        return List.copyOf(requestBodies);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.submit(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String firstLine = head.lines().findFirst().orElse("");
                if (!REQUEST_LINE.matcher(firstLine).matches()) {
                    malformed.incrementAndGet();
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                int index = next.getAndIncrement();
                int length = contentLength(head);
                if (index >= exchanges.size()) {
                    in.readNBytes(length);
                    byte[] body = "{\"error\":{\"message\":\"the transcript has no more exchanges\",\"type\":\"playback\"}}"
                            .getBytes(StandardCharsets.UTF_8);
                    write(out, new Exchange(599, Map.of("Content-Type", "application/json"), body, true, false, true, false));
                    return;
                }
                Exchange exchange = exchanges.get(index);
                if (exchange.readBody()) {
                    requestBodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                }
                write(out, exchange);
                if (exchange.close() || exchange.cut()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away; nothing to play to
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    private static void write(OutputStream out, Exchange exchange) throws IOException, InterruptedException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(exchange.status()).append(' ')
                .append(exchange.status() < 400 ? "OK" : "Error").append("\r\n");
        exchange.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (exchange.chunked()) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else {
            head.append("Content-Length: ").append(exchange.body().length).append("\r\n");
        }
        if (exchange.close()) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        byte[] body = exchange.body();
        for (int[] piece : AwkwardCuts.of(body.length)) {
            if (exchange.chunked()) {
                out.write((Integer.toHexString(piece[1]) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, piece[0], piece[1]);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(body, piece[0], piece[1]);
            }
            out.flush();
            // a pause between pieces makes each its own TCP segment, so the client really meets every boundary
            Thread.sleep(1);
        }
        if (exchange.chunked() && !exchange.cut()) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        threads.shutdownNow();
    }

    /**
     * Cuts a body into pieces of 1, 2, 5, 3, 11, 7, 17, 4 ... bytes: small, uneven sizes land boundaries inside
     * field names, multi-byte characters and line endings.
     */
    static final class AwkwardCuts {

        private static final int[] SIZES = {1, 2, 5, 3, 11, 7, 17, 4, 29, 6, 13, 64};

        private AwkwardCuts() {
        }

        static List<int[]> of(int length) {
            List<int[]> pieces = new ArrayList<>();
            int offset = 0;
            for (int i = 0; offset < length; i++) {
                int size = Math.min(SIZES[i % SIZES.length], length - offset);
                pieces.add(new int[] {offset, size});
                offset += size;
            }
            return pieces;
        }
    }
}
