package dev.awsmfa.sts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What came back for one call, seen before the SDK parses it: so a reply that is not an STS document (a captive
 * portal's page, a proxy's error page, a server that does not take POST) is told as such instead of ending in
 * whatever the XML parser makes of it. Holds the start of the body only while the call runs; the body of a real
 * STS reply holds credentials, so it is never put into a message.
 */
final class StsReply implements ExecutionInterceptor {

    private static final int KEEP = 64 * 1024;
    private static final Pattern STS_DOCUMENT = Pattern.compile(
            "^\\s*(<\\?xml[^>]*\\?>\\s*)?<(GetSessionTokenResponse|AssumeRoleResponse|ErrorResponse)[\\s>/]");
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>([^<]*)</title>", Pattern.CASE_INSENSITIVE);

    private volatile Integer status;
    private volatile String contentType = "";
    private volatile String start = "";

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        status = context.httpResponse().statusCode();
        contentType = context.httpResponse().firstMatchingHeader("Content-Type").orElse("");
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty()) {
            return body;
        }
        try {
            byte[] bytes = body.get().readAllBytes();
            start = new String(bytes, 0, Math.min(bytes.length, KEEP), StandardCharsets.UTF_8).replace("\uFEFF", "");
            return Optional.of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reply came, and it is not an STS document. */
    boolean notSts() {
        return status != null && !STS_DOCUMENT.matcher(start).find();
    }

    /** What came back, in a few words (never the body of an STS document). */
    String describe() {
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String lower = start.stripLeading().toLowerCase(Locale.ROOT);
        if (start.isBlank()) {
            return "an empty reply (HTTP " + status + ")";
        }
        if (type.equals("text/html") || lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
            Matcher m = TITLE.matcher(start);
            // A page we did not write: digit runs are masked, in case it echoes the request's code.
            String title = m.find()
                    ? m.group(1)
                            .replaceAll("[\\p{Cntrl}\\s]+", " ")
                            .replaceAll("\\d{6,}", "******")
                            .strip()
                    : "";
            if (title.length() > 60) {
                title = title.substring(0, 60) + "…";
            }
            return "an HTML page (HTTP " + status + (title.isEmpty() ? "" : ", \"" + title + "\"") + ")";
        }
        return "a reply of type " + (type.isEmpty() ? "unknown" : type) + " (HTTP " + status + ")";
    }
}
