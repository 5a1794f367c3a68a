package dev.awsmfa.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes an AWS Signature Version 4 (header form, {@code AWS4-HMAC-SHA256}) from the request as
 * it arrived on the wire and compares it with the one the client sent.
 *
 * <p>It follows the published algorithm and nothing client-specific: the canonical headers are
 * exactly the ones named in SignedHeaders, so the Java SDK (which signs e.g. amz-sdk-invocation-id,
 * amz-sdk-request, content-length) and botocore (host, x-amz-date, content-type with charset) both
 * verify. The payload hash is the SHA-256 of the bytes received, so a body changed after signing fails.
 */
final class SigV4Verifier {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The parsed Authorization header. {@code date} is the credential-scope date, yyyyMMdd. */
    record Authorization(
            String accessKeyId,
            String date,
            String region,
            String service,
            List<String> signedHeaders,
            String signature) {}

    /** Why an Authorization header could not be parsed; maps to STS's IncompleteSignature. */
    static final class MalformedAuthorization extends Exception {
        MalformedAuthorization(String message) {
            super(message);
        }
    }

    /** "AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b, Signature=hex" */
    private static final Pattern AUTH = Pattern.compile("AWS4-HMAC-SHA256\\s+"
            + "Credential=([^,\\s]+)\\s*,\\s*"
            + "SignedHeaders=([^,\\s]+)\\s*,\\s*"
            + "Signature=([0-9a-fA-F]+)\\s*");

    private SigV4Verifier() {}

    static Authorization parse(String header) throws MalformedAuthorization {
        Matcher m = AUTH.matcher(header.trim());
        if (!m.matches()) {
            throw new MalformedAuthorization("Authorization header requires 'Credential', 'SignedHeaders' and "
                    + "'Signature' parameters with algorithm " + ALGORITHM + ". Authorization=" + header);
        }
        String[] scope = m.group(1).split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw new MalformedAuthorization(
                    "Credential should be of the form " + "AKID/yyyyMMdd/region/service/aws4_request: " + m.group(1));
        }
        List<String> signed = List.of(m.group(2).split(";"));
        return new Authorization(
                scope[0], scope[1], scope[2], scope[3], signed, m.group(3).toLowerCase(Locale.ROOT));
    }

    /**
     * The signature the client should have sent if it signed {@code request} with {@code secret}.
     * {@code amzDate} is the X-Amz-Date value (yyyyMMdd'T'HHmmss'Z').
     */
    static String expectedSignature(
            LoopbackHttpServer.Request request, Authorization auth, String amzDate, String secret) {
        String canonicalRequest = canonicalRequest(request, auth.signedHeaders());
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(utf8(canonicalRequest));
        byte[] key = hmac(utf8("AWS4" + secret), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    /** Constant-time comparison, so the stub does not teach anyone bad habits. */
    static boolean signatureMatches(String expected, String actual) {
        return MessageDigest.isEqual(utf8(expected), utf8(actual.toLowerCase(Locale.ROOT)));
    }

    static String canonicalRequest(LoopbackHttpServer.Request request, List<String> signedHeaders) {
        return request.method() + "\n"
                + canonicalUri(request.path()) + "\n"
                + canonicalQuery(request.rawQuery()) + "\n"
                + canonicalHeaders(request, signedHeaders) + "\n"
                + String.join(";", signedHeaders) + "\n"
                + payloadHash(request);
    }

    /**
     * Non-S3 services sign the path URI-encoded twice. The wire path is already encoded once,
     * so encoding it again (keeping '/') gives the canonical form.
     */
    private static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        return Arrays.stream(rawPath.split("/", -1))
                .map(SigV4Verifier::uriEncode)
                .collect(Collectors.joining("/"));
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            pairs.add(new String[] {uriEncode(name), uriEncode(value)});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
    }

    /**
     * One "name:value\n" line per signed header: lower-case name, values of repeated headers joined
     * by ',', each value trimmed with inner runs of spaces collapsed.
     */
    private static String canonicalHeaders(LoopbackHttpServer.Request request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            String value = request.headerValues(name).stream()
                    .map(v -> v.trim().replaceAll(" +", " "))
                    .collect(Collectors.joining(","));
            out.append(name.toLowerCase(Locale.ROOT)).append(':').append(value).append('\n');
        }
        return out.toString();
    }

    /** The hash of the body received; x-amz-content-sha256, when sent, must agree with it. */
    private static String payloadHash(LoopbackHttpServer.Request request) {
        String actual = sha256Hex(request.body());
        String claimed = request.header("x-amz-content-sha256");
        return claimed == null || claimed.equals(actual) ? actual : "payload hash mismatch: " + claimed;
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX upper-case. */
    static String uriEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(s)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Form/query decoding ('+' is a space), as both the SDK and botocore encode form bodies. */
    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Parses an application/x-www-form-urlencoded string, keeping order; the first value of a name wins. */
    static Map<String, String> parseForm(String form, Map<String, String> into) {
        for (String part : form.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            into.putIfAbsent(name, eq < 0 ? "" : decode(part.substring(eq + 1)));
        }
        return into;
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(utf8(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
