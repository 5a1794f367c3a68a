package dev.awsmfa.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on a raw {@link ServerSocket}, bound to 127.0.0.1 on a free port.
 *
 * <p>Why not {@code com.sun.net.httpserver.HttpServer}: it cannot drop a connection without a reply
 * or send a TCP reset, and those are exactly the faults the STS stub must produce. With the socket in
 * hand, {@link Reply.Drop} is a plain close (client sees end of stream) or, with SO_LINGER 0, a real
 * RST (client sees "Connection reset").
 *
 * <p>Supports what STS clients send: Content-Length or chunked bodies, {@code Expect: 100-continue},
 * and persistent (keep-alive) connections. All threads are daemons; {@link #close()} stops them.
 */
final class LoopbackHttpServer implements Closeable {

    /** One parsed request. Header names keep their wire spelling; order is preserved. */
    record Request(String method, String target, String version, List<Header> headers, byte[] body) {
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** Raw (still percent-encoded) query string, or "" when there is none. */
        String rawQuery() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        /** All values of a header (case-insensitive), in wire order. */
        List<String> headerValues(String name) {
            return headers.stream()
                    .filter(h -> h.name().equalsIgnoreCase(name))
                    .map(Header::value)
                    .toList();
        }

        /** The first value of a header, or null. */
        String header(String name) {
            List<String> values = headerValues(name);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    record Header(String name, String value) {}

    /** What the handler wants done with a request. */
    sealed interface Reply {
        /** Send a response, after waiting {@code delay} (Duration.ZERO for none). */
        record Send(int status, String contentType, byte[] body, Map<String, String> headers, Duration delay)
                implements Reply {}

        /** Close the connection without any response; {@code reset} sends a TCP RST instead of a FIN. */
        record Drop(boolean reset) implements Reply {}
    }

    interface Handler {
        Reply handle(Request request);
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final ExecutorService connections;
    private final Thread acceptor;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LoopbackHttpServer(String name, Handler handler) throws IOException {
        this.handler = handler;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        // Thread names carry the port, so a test can tell this server's threads from another's.
        String prefix = name + "-" + port() + "-";
        AtomicInteger n = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(r -> daemon(r, prefix + "conn-" + n.incrementAndGet()));
        this.acceptor = daemon(this::acceptLoop, prefix + "accept");
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : openSockets) {
            closeQuietly(s);
        }
        connections.shutdownNow(); // interrupts delayed replies
        // Join every thread (not just awaitTermination, which returns while a worker is still exiting),
        // so that after close() a test sees none of them alive.
        try {
            for (Thread t : threads) {
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                openSockets.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closing
            }
        }
    }

    /** Serves requests on one connection until the client closes it, a Drop, or an error. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                Request request = readRequest(in, out);
                if (request == null) {
                    return; // client closed the connection between requests
                }
                Reply reply = handler.handle(request);
                if (reply instanceof Reply.Drop drop) {
                    if (drop.reset()) {
                        socket.setSoLinger(true, 0); // close() now sends RST, not FIN
                    }
                    return;
                }
                Reply.Send send = (Reply.Send) reply;
                if (!send.delay().isZero()) {
                    Thread.sleep(send.delay().toMillis());
                }
                boolean keepAlive =
                        !"close".equalsIgnoreCase(request.header("Connection")) && "HTTP/1.1".equals(request.version());
                writeResponse(out, send, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (BadRequest e) {
            // Nothing sensible to do for a garbled request: answer 400 and close.
            tryWrite(socket, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // client went away (e.g. it timed out while we delayed); nothing to report
        } finally {
            openSockets.remove(socket);
        }
    }

    private static Request readRequest(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in, true);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new BadRequest("bad request line: " + requestLine);
        }
        List<Header> headers = new ArrayList<>();
        int headerBytes = 0;
        for (String line; !(line = readLine(in, false)).isEmpty(); ) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new BadRequest("headers too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("bad header line: " + line);
            }
            headers.add(new Header(
                    line.substring(0, colon), line.substring(colon + 1).trim()));
        }
        Request withoutBody = new Request(parts[0], parts[1], parts[2], List.copyOf(headers), new byte[0]);
        if ("100-continue".equalsIgnoreCase(withoutBody.header("Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = readBody(in, withoutBody);
        return new Request(parts[0], parts[1], parts[2], List.copyOf(headers), body);
    }

    private static byte[] readBody(InputStream in, Request request) throws IOException {
        String transferEncoding = request.header("Transfer-Encoding");
        if (transferEncoding != null
                && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in);
        }
        String contentLength = request.header("Content-Length");
        if (contentLength == null) {
            return new byte[0];
        }
        int length;
        try {
            length = Integer.parseInt(contentLength.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("bad Content-Length: " + contentLength);
        }
        if (length < 0 || length > MAX_BODY_BYTES) {
            throw new BadRequest("bad Content-Length: " + contentLength);
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("connection closed inside the body");
        }
        return body;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, false);
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new BadRequest("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                while (!readLine(in, false).isEmpty()) {
                    // skip trailers
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new BadRequest("body too large");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new IOException("connection closed inside a chunk");
            }
            body.write(chunk);
            readLine(in, false); // the CRLF after the chunk
        }
    }

    /**
     * Reads one CRLF- (or LF-) terminated line as ISO-8859-1. At the start of a request, end of
     * stream means the client closed an idle connection: returns null when {@code eofOk}.
     */
    private static String readLine(InputStream in, boolean eofOk) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofOk && line.length() == 0) {
                    return null;
                }
                throw new IOException("connection closed inside the request head");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
            if (line.length() > MAX_HEADER_BYTES) {
                throw new BadRequest("line too long");
            }
        }
    }

    private static void writeResponse(OutputStream out, Reply.Send send, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ")
                .append(send.status())
                .append(' ')
                .append(reason(send.status()))
                .append("\r\n");
        send.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Type: ")
                .append(send.contentType())
                .append("\r\n")
                .append("Content-Length: ")
                .append(send.body().length)
                .append("\r\n")
                // Real wall-clock time, never the stub's test clock: the SDK reads Date to correct skew.
                .append("Date: ")
                .append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(send.body());
        out.flush();
    }

    private static void tryWrite(Socket socket, String message) {
        try {
            Reply.Send send = new Reply.Send(
                    400, "text/plain", (message + "\n").getBytes(StandardCharsets.UTF_8), Map.of(), Duration.ZERO);
            writeResponse(socket.getOutputStream(), send, false);
        } catch (IOException ignored) {
            // the client is gone
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    private Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** A request we cannot parse. */
    private static final class BadRequest extends SocketException {
        BadRequest(String message) {
            super(message);
        }
    }
}
