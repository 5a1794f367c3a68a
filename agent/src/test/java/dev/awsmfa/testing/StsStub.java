package dev.awsmfa.testing;

import dev.awsmfa.testing.LoopbackHttpServer.Reply;
import dev.awsmfa.testing.LoopbackHttpServer.Request;
import dev.awsmfa.testing.StsXml.Element;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A local AWS STS that speaks the real Query protocol and checks what real STS checks, for tests
 * that drive the real AWS SDK (or the AWS CLI) against it.
 *
 * <ul>
 *   <li>Every request's SigV4 signature is verified against the secret of the access key it names:
 *       registered long-term keys ({@link #addUser}) and every credential the stub has issued.
 *   <li>Actions: GetSessionToken, AssumeRole, GetCallerIdentity, with STS's limits, defaults and
 *       error codes/messages/HTTP statuses.
 *   <li>MFA codes are whatever the test says ({@link #acceptCodes}); each is accepted once, ever.
 *   <li>Faults ({@link Fault}) replace or disturb the answer to the next n requests, or all.
 *   <li>Every request is recorded ({@link #calls()}), and every credential issued ({@link #issued()}).
 * </ul>
 *
 * <p>Time (expiration, ExpiredToken) comes from the injected {@link Clock}. The request's X-Amz-Date
 * is NOT checked against that clock: tests move the clock to expire credentials while the SDK signs
 * with the real time.
 *
 * <p>Thread-safe. The server and its threads are daemons and stop on {@link #close()}.
 */
public final class StsStub implements AutoCloseable {

    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final String VERSION = "2011-06-15";

    // Messages exactly as AWS sends them.
    public static final String MSG_INVALID_TOKEN = "The security token included in the request is invalid.";
    public static final String MSG_SIGNATURE = "The request signature we calculated does not match the signature "
            + "you provided. Check your AWS Secret Access Key and signing method. Consult the service "
            + "documentation for details.";
    public static final String MSG_EXPIRED = "The security token included in the request is expired";
    public static final String MSG_MFA_INVALID_CODE =
            "MultiFactorAuthentication failed with invalid MFA one time pass code.";
    public static final String MSG_MFA_BAD_SERIAL = "MultiFactorAuthentication failed, unable to validate MFA code. "
            + "Please verify your MFA serial number is valid and associated with this user.";
    public static final String MSG_SESSION_CREDENTIALS = "Cannot call GetSessionToken with session credentials";
    public static final String MSG_ROLE_CHAINING =
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";
    public static final String MSG_ROLE_MAX_DURATION =
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";

    /**
     * One request as it arrived, whether or not it succeeded. {@code params} are all form/query
     * parameters (Action and Version included); {@code accessKeyId} is the one in the Authorization
     * header (null when unsigned); {@code signatureValid} says the key is known and the SigV4
     * signature matches; {@code at} is the stub clock's time.
     */
    public record Call(
            String action, Map<String, String> params, String accessKeyId, boolean signatureValid, Instant at) {
        public Call {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        public String param(String name) {
            return params.get(name);
        }
    }

    /**
     * Credentials the stub issued. {@code action} is GetSessionToken or AssumeRole; {@code arn} is what
     * GetCallerIdentity reports for them (the user, or the assumed-role session).
     */
    public record IssuedCredentials(
            String accessKeyId, String secret, String token, Instant expiration, String action, String arn) {
        @Override
        public String toString() { // keep secrets out of assertion messages
            return "IssuedCredentials[" + accessKeyId + ", expires " + expiration + ", " + action + ", " + arn + "]";
        }
    }

    /** A registered IAM user with one long-term access key. */
    public static final class User {
        private final String accessKeyId;
        private final String mfaSerial;
        private final String arn;
        private final String userId;
        private final String account;
        private volatile boolean active = true;

        private User(String accessKeyId, String mfaSerial, String arn, String userId, String account) {
            this.accessKeyId = accessKeyId;
            this.mfaSerial = mfaSerial;
            this.arn = arn;
            this.userId = userId;
            this.account = account;
        }

        /** Deactivates the access key, as in the IAM console: requests fail with InvalidClientTokenId. */
        public User deactivate() {
            active = false;
            return this;
        }

        public User activate() {
            active = true;
            return this;
        }

        public boolean isActive() {
            return active;
        }

        public String accessKeyId() {
            return accessKeyId;
        }

        /** The MFA device's serial (ARN of a virtual device), or null for a user without MFA. */
        public String mfaSerial() {
            return mfaSerial;
        }

        public String arn() {
            return arn;
        }

        public String userId() {
            return userId;
        }

        public String account() {
            return account;
        }
    }

    /** A role that anyone with valid credentials may assume, unless restricted below. */
    public static final class Role {
        private final String arn;
        private final String name;
        private final String roleId;
        private final int maxSessionSeconds;
        private volatile boolean requireMfa;
        private volatile String externalId;

        private Role(String arn, String name, String roleId, int maxSessionSeconds) {
            this.arn = arn;
            this.name = name;
            this.roleId = roleId;
            this.maxSessionSeconds = maxSessionSeconds;
        }

        /** Trust policy with {@code aws:MultiFactorAuthPresent}: callers without MFA get AccessDenied. */
        public Role requireMfa() {
            requireMfa = true;
            return this;
        }

        /** Trust policy with {@code sts:ExternalId}: callers must send this ExternalId. */
        public Role requireExternalId(String externalId) {
            this.externalId = externalId;
            return this;
        }

        public String arn() {
            return arn;
        }

        public String roleId() {
            return roleId;
        }

        public int maxSessionSeconds() {
            return maxSessionSeconds;
        }
    }

    /** An STS error answer: thrown by the action code, rendered as an ErrorResponse. */
    private static final class StsError extends Exception {
        final int status;
        final String type;
        final String code;

        StsError(int status, String type, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.code = code;
        }
    }

    private enum Kind {
        LONG_TERM,
        SESSION_TOKEN,
        ASSUMED_ROLE
    }

    /**
     * What the stub knows about an access key. For issued keys, {@code mfa} says whether MFA was
     * presented when they were issued (what aws:MultiFactorAuthPresent would say).
     */
    private record Key(
            String accessKeyId,
            String secret,
            String token,
            Kind kind,
            User user,
            Instant expiration,
            boolean mfa,
            String arn,
            String userId,
            String account) {}

    /** A fault waiting for requests; {@code action} null matches any; {@code remaining} -1 is forever. */
    private static final class PendingFault {
        final String action;
        final Fault fault;
        int remaining;

        PendingFault(String action, Fault fault, int remaining) {
            this.action = action;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final Pattern DIGITS = Pattern.compile("[\\d]*");
    private static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]*");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
    private static final Pattern MFA_ARN = Pattern.compile("arn:[^:]+:iam::(\\d{12}):mfa/(?:.*/)?([^/]+)");

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LoopbackHttpServer server;
    private final Object lock = new Object();

    // All below guarded by lock.
    private final Map<String, Key> keys = new HashMap<>();
    private final Map<String, Role> roles = new HashMap<>();
    private final Set<String> acceptedCodes = new LinkedHashSet<>();
    private final Set<String> usedCodes = new LinkedHashSet<>();
    private final Deque<PendingFault> faults = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<IssuedCredentials> issued = new ArrayList<>();
    private final Set<String> knownIds = new HashSet<>();

    /** Starts a stub with the system UTC clock. */
    public StsStub() {
        this(Clock.systemUTC());
    }

    /** Starts a stub whose expirations and ExpiredToken checks follow {@code clock}. */
    public StsStub(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        try {
            this.server = new LoopbackHttpServer("sts-stub", this::handle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the STS stub", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, for endpointOverride / --endpoint-url / AWS_ENDPOINT_URL_STS. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.close();
    }

    // ---------------------------------------------------------------- setup

    /**
     * Registers an IAM user's long-term key. {@code mfaSerial} may be null (no MFA device). When it is
     * a virtual device ARN ({@code arn:aws:iam::ACCOUNT:mfa/NAME}) the user is {@code user/NAME} in
     * that account, otherwise a generated name in {@link #DEFAULT_ACCOUNT}.
     */
    public User addUser(String accessKeyId, String secret, String mfaSerial) {
        Objects.requireNonNull(accessKeyId);
        Objects.requireNonNull(secret);
        synchronized (lock) {
            if (keys.containsKey(accessKeyId)) {
                throw new IllegalArgumentException("access key already known: " + accessKeyId);
            }
            String account = DEFAULT_ACCOUNT;
            String name = "user-" + (keys.size() + 1);
            var m = mfaSerial == null ? null : MFA_ARN.matcher(mfaSerial);
            if (m != null && m.matches()) {
                account = m.group(1);
                name = m.group(2);
            }
            User user = new User(
                    accessKeyId, mfaSerial, "arn:aws:iam::" + account + ":user/" + name, uniqueId("AIDA", 17), account);
            keys.put(
                    accessKeyId,
                    new Key(
                            accessKeyId,
                            secret,
                            null,
                            Kind.LONG_TERM,
                            user,
                            null,
                            false,
                            user.arn(),
                            user.userId(),
                            account));
            return user;
        }
    }

    /** Registers a role (ARN {@code arn:aws:iam::ACCOUNT:role/[path/]NAME}) with its MaxSessionDuration. */
    public Role addRole(String roleArn, int maxSessionSeconds) {
        int slash = roleArn.lastIndexOf('/');
        if (!roleArn.startsWith("arn:") || !roleArn.contains(":role/") || slash < 0) {
            throw new IllegalArgumentException("not a role ARN: " + roleArn);
        }
        synchronized (lock) {
            Role role = new Role(roleArn, roleArn.substring(slash + 1), uniqueId("AROA", 17), maxSessionSeconds);
            roles.put(roleArn, role);
            return role;
        }
    }

    /**
     * Makes these MFA codes valid (in addition to any not yet used). Each is accepted once, ever:
     * a code that has been used stays refused even if accepted again, as AWS refuses a reused code.
     */
    public void acceptCodes(String... codes) {
        synchronized (lock) {
            acceptedCodes.addAll(List.of(codes));
        }
    }

    /** Codes that succeeded, in order. */
    public List<String> usedCodes() {
        synchronized (lock) {
            return List.copyOf(usedCodes);
        }
    }

    // ---------------------------------------------------------------- faults

    /** The next request gets {@code fault}. */
    public void failNext(Fault fault) {
        failNext(1, fault);
    }

    /** The next {@code n} requests get {@code fault} (queued after faults already pending). */
    public void failNext(int n, Fault fault) {
        addFault(null, n, fault);
    }

    /** The next {@code n} requests with this Action get {@code fault}; other actions pass. */
    public void failNext(String action, int n, Fault fault) {
        addFault(Objects.requireNonNull(action), n, fault);
    }

    /** Every request from now on gets {@code fault}, until {@link #clearFaults()}. */
    public void failAll(Fault fault) {
        addFault(null, -1, fault);
    }

    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    private void addFault(String action, int n, Fault fault) {
        Objects.requireNonNull(fault);
        if (n == 0) {
            return;
        }
        if (n < -1) {
            throw new IllegalArgumentException("n = " + n);
        }
        synchronized (lock) {
            faults.addLast(new PendingFault(action, fault, n));
        }
    }

    /** Takes the first pending fault that matches this action, or null. */
    private Fault takeFault(String action) {
        for (Iterator<PendingFault> it = faults.iterator(); it.hasNext(); ) {
            PendingFault pending = it.next();
            if (pending.action == null || pending.action.equals(action)) {
                if (pending.remaining > 0 && --pending.remaining == 0) {
                    it.remove();
                }
                return pending.fault;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- recordings

    /** Every request received so far, oldest first, including refused and faulted ones. */
    public List<Call> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /** The requests with this Action. */
    public List<Call> calls(String action) {
        return calls().stream().filter(c -> action.equals(c.action())).toList();
    }

    /** Every credential issued, oldest first, including those whose reply was dropped by a fault. */
    public List<IssuedCredentials> issued() {
        synchronized (lock) {
            return List.copyOf(issued);
        }
    }

    // ---------------------------------------------------------------- request handling

    /** Authentication outcome; {@code error} null means the caller is {@code key}. */
    private record Auth(String accessKeyId, Key key, boolean signatureValid, StsError error) {}

    private Reply handle(Request request) {
        Map<String, String> params = params(request);
        String action = params.get("Action");
        String requestId = UUID.randomUUID().toString();
        Fault fault;
        Reply answer;
        synchronized (lock) {
            Auth auth = authenticate(request);
            calls.add(new Call(action, params, auth.accessKeyId(), auth.signatureValid(), clock.instant()));
            fault = takeFault(action);
            if (fault instanceof Fault.ErrorReply e) {
                return errorReply(new StsError(e.status(), e.type(), e.code(), e.message()), requestId);
            }
            if (fault instanceof Fault.Reset) {
                return new Reply.Drop(true);
            }
            answer = process(action, params, auth, requestId);
        }
        if (fault instanceof Fault.ConsumeThenDrop) {
            return new Reply.Drop(false);
        }
        if (fault instanceof Fault.Delay d && answer instanceof Reply.Send send) {
            return new Reply.Send(send.status(), send.contentType(), send.body(), send.headers(), d.delay());
        }
        return answer;
    }

    private Reply process(String action, Map<String, String> params, Auth auth, String requestId) {
        try {
            if (auth.error() != null) {
                throw auth.error();
            }
            Element[] result = switch (action == null ? "" : action) {
                case "GetSessionToken" -> getSessionToken(params, auth.key());
                case "AssumeRole" -> assumeRole(params, auth.key());
                case "GetCallerIdentity" -> getCallerIdentity(auth.key());
                case "" -> throw new StsError(400, "Sender", "MissingAction", "Missing Action");
                default ->
                    throw new StsError(
                            400,
                            "Sender",
                            "InvalidAction",
                            "Could not find operation " + action + " for version " + VERSION);
            };
            return xmlReply(200, StsXml.success(action, requestId, result), requestId);
        } catch (StsError e) {
            return errorReply(e, requestId);
        }
    }

    /** Query-string parameters plus, for a form POST, the body's; the SDK and the CLI both POST a form. */
    private static Map<String, String> params(Request request) {
        Map<String, String> params = SigV4Verifier.parseForm(request.rawQuery(), new LinkedHashMap<>());
        String contentType = request.header("Content-Type");
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            SigV4Verifier.parseForm(new String(request.body(), StandardCharsets.UTF_8), params);
        }
        return params;
    }

    /**
     * Checks the request the way STS does: an Authorization header, a known and active access key,
     * the session token that belongs to it (and none for a long-term key), the signature, the expiry.
     */
    private Auth authenticate(Request request) {
        String header = request.header("Authorization");
        if (header == null) {
            return new Auth(
                    null,
                    null,
                    false,
                    new StsError(
                            403, "Sender", "MissingAuthenticationToken", "Request is missing Authentication Token"));
        }
        SigV4Verifier.Authorization authz;
        try {
            authz = SigV4Verifier.parse(header);
        } catch (SigV4Verifier.MalformedAuthorization e) {
            return new Auth(null, null, false, new StsError(400, "Sender", "IncompleteSignature", e.getMessage()));
        }
        String akid = authz.accessKeyId();
        String amzDate = request.header("X-Amz-Date");
        if (amzDate == null) {
            return new Auth(
                    akid,
                    null,
                    false,
                    new StsError(
                            400,
                            "Sender",
                            "IncompleteSignature",
                            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        }
        Key key = keys.get(akid);
        boolean scopeOk = amzDate.startsWith(authz.date())
                && "sts".equals(authz.service())
                && authz.signedHeaders().contains("host");
        boolean signatureValid = key != null
                && scopeOk
                && SigV4Verifier.signatureMatches(
                        SigV4Verifier.expectedSignature(request, authz, amzDate, key.secret()), authz.signature());

        StsError error = null;
        String token = request.header("X-Amz-Security-Token");
        if (key == null
                || (key.kind() == Kind.LONG_TERM && !key.user().isActive())
                || !Objects.equals(key.token(), token)) {
            error = new StsError(403, "Sender", "InvalidClientTokenId", MSG_INVALID_TOKEN);
        } else if (!signatureValid) {
            error = new StsError(403, "Sender", "SignatureDoesNotMatch", MSG_SIGNATURE);
        } else if (key.expiration() != null && !clock.instant().isBefore(key.expiration())) {
            error = new StsError(403, "Sender", "ExpiredToken", MSG_EXPIRED);
        }
        return new Auth(akid, key, signatureValid, error);
    }

    // ---------------------------------------------------------------- actions

    private Element[] getSessionToken(Map<String, String> params, Key caller) throws StsError {
        if (caller.kind() != Kind.LONG_TERM) {
            throw new StsError(403, "Sender", "AccessDenied", MSG_SESSION_CREDENTIALS);
        }
        Validation v = new Validation();
        Integer duration = v.integer(params, "DurationSeconds", "durationSeconds", 900, 129600);
        validateMfaParams(v, params);
        v.throwIfAny();

        boolean mfa = checkMfa(params, caller.user());
        User user = caller.user();
        Key session = issue(
                "GetSessionToken",
                Kind.SESSION_TOKEN,
                user,
                duration == null ? 43200 : duration,
                mfa,
                user.arn(),
                user.userId(),
                user.account());
        return new Element[] {credentials(session)};
    }

    private Element[] assumeRole(Map<String, String> params, Key caller) throws StsError {
        Validation v = new Validation();
        String roleArn = v.string(params, "RoleArn", "roleArn", true, 20, 2048, null);
        String sessionName = v.string(params, "RoleSessionName", "roleSessionName", true, 2, 64, SESSION_NAME);
        Integer duration = v.integer(params, "DurationSeconds", "durationSeconds", 900, 43200);
        String externalId = v.string(params, "ExternalId", "externalId", false, 2, 1224, EXTERNAL_ID);
        validateMfaParams(v, params);
        v.throwIfAny();

        int seconds = duration == null ? 3600 : duration;
        boolean chained = caller.kind() != Kind.LONG_TERM;
        if (chained && seconds > 3600) {
            throw new StsError(400, "Sender", "ValidationError", MSG_ROLE_CHAINING);
        }
        // MFA is part of authentication, so a valid code is spent even if authorization then fails.
        boolean mfa = checkMfa(params, caller.user()) || caller.mfa();
        Role role = roles.get(roleArn);
        if (role == null
                || (role.requireMfa && !mfa)
                || (role.externalId != null && !role.externalId.equals(externalId))) {
            throw new StsError(
                    403,
                    "Sender",
                    "AccessDenied",
                    "User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        if (seconds > role.maxSessionSeconds) {
            throw new StsError(400, "Sender", "ValidationError", MSG_ROLE_MAX_DURATION);
        }
        String[] arnParts = roleArn.split(":", 6);
        String partition = arnParts[1];
        String account = arnParts[4];
        String assumedArn = "arn:" + partition + ":sts::" + account + ":assumed-role/" + role.name + "/" + sessionName;
        String assumedId = role.roleId + ":" + sessionName;
        Key session =
                issue("AssumeRole", Kind.ASSUMED_ROLE, caller.user(), seconds, mfa, assumedArn, assumedId, account);
        return new Element[] {
            Element.of("AssumedRoleUser", Element.text("AssumedRoleId", assumedId), Element.text("Arn", assumedArn)),
            credentials(session)
        };
    }

    private Element[] getCallerIdentity(Key caller) {
        return new Element[] {
            Element.text("Arn", caller.arn()),
            Element.text("UserId", caller.userId()),
            Element.text("Account", caller.account())
        };
    }

    private static void validateMfaParams(Validation v, Map<String, String> params) {
        v.string(params, "SerialNumber", "serialNumber", false, 9, 256, SERIAL);
        v.string(params, "TokenCode", "tokenCode", false, 6, 6, DIGITS);
    }

    /**
     * Applies the MFA rules and spends the code. Returns false when no MFA was presented (allowed, as
     * in AWS; whether the caller then gets anything is up to roles' {@link Role#requireMfa()}).
     */
    private boolean checkMfa(Map<String, String> params, User user) throws StsError {
        String serial = params.get("SerialNumber");
        String code = params.get("TokenCode");
        if (serial == null && code == null) {
            return false;
        }
        if (serial == null || !serial.equals(user.mfaSerial())) {
            throw new StsError(403, "Sender", "AccessDenied", MSG_MFA_BAD_SERIAL);
        }
        if (code == null || usedCodes.contains(code) || !acceptedCodes.contains(code)) {
            throw new StsError(403, "Sender", "AccessDenied", MSG_MFA_INVALID_CODE);
        }
        acceptedCodes.remove(code);
        usedCodes.add(code);
        return true;
    }

    private Key issue(
            String action, Kind kind, User user, int seconds, boolean mfa, String arn, String userId, String account) {
        String akid = uniqueId("ASIA", 16);
        String secret = randomString(40, SECRET_CHARS);
        String token = sessionToken();
        // STS reports whole seconds: "2030-01-02T03:04:05Z".
        Instant expiration = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds);
        Key key = new Key(akid, secret, token, kind, user, expiration, mfa, arn, userId, account);
        keys.put(akid, key);
        issued.add(new IssuedCredentials(akid, secret, token, expiration, action, arn));
        return key;
    }

    private static Element credentials(Key key) {
        return Element.of(
                "Credentials",
                Element.text("AccessKeyId", key.accessKeyId()),
                Element.text("SecretAccessKey", key.secret()),
                Element.text("SessionToken", key.token()),
                Element.text("Expiration", DateTimeFormatter.ISO_INSTANT.format(key.expiration())));
    }

    // ---------------------------------------------------------------- replies

    private static Reply xmlReply(int status, String xml, String requestId) {
        return new Reply.Send(
                status,
                "text/xml",
                xml.getBytes(StandardCharsets.UTF_8),
                Map.of("x-amzn-RequestId", requestId),
                Duration.ZERO);
    }

    private static Reply errorReply(StsError e, String requestId) {
        return xmlReply(e.status, StsXml.error(e.type, e.code, e.getMessage(), requestId), requestId);
    }

    // ---------------------------------------------------------------- random values

    /** A prefix plus upper-case letters/digits, never handed out twice (AKIA/ASIA/AIDA/AROA ids). */
    private String uniqueId(String prefix, int length) {
        String id;
        do {
            id = prefix + randomString(length, UPPER_DIGITS);
        } while (!knownIds.add(id) || keys.containsKey(id));
        return id;
    }

    /**
     * A long base64 token like STS's ("IQoJb3JpZ2luX2Vj..."), 352 characters, always containing '+'
     * and '/' and ending "==", so file writers that escape or split on those characters get caught.
     */
    private String sessionToken() {
        while (true) {
            byte[] bytes = new byte[250];
            random.nextBytes(bytes);
            String token = "IQoJb3JpZ2luX2Vj" + Base64.getEncoder().encodeToString(bytes);
            if (token.indexOf('+') >= 0 && token.indexOf('/') >= 0) {
                return token;
            }
        }
    }

    private String randomString(int length, String alphabet) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- validation

    /**
     * Collects constraint violations and reports them as STS does:
     * "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: ...".
     */
    private static final class Validation {
        private final List<String> problems = new ArrayList<>();

        Integer integer(Map<String, String> params, String param, String member, int min, int max) {
            String raw = params.get(param);
            if (raw == null) {
                return null;
            }
            int value;
            try {
                value = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                problems.add("Value '" + raw + "' at '" + member + "' failed to satisfy constraint: "
                        + "Member must be a number");
                return null;
            }
            if (value < min) {
                fail(raw, member, "Member must have value greater than or equal to " + min);
            } else if (value > max) {
                fail(raw, member, "Member must have value less than or equal to " + max);
            }
            return value;
        }

        String string(
                Map<String, String> params,
                String param,
                String member,
                boolean required,
                int minLength,
                int maxLength,
                Pattern pattern) {
            String value = params.get(param);
            if (value == null) {
                if (required) {
                    problems.add("Value null at '" + member + "' failed to satisfy constraint: "
                            + "Member must not be null");
                }
                return null;
            }
            if (value.length() < minLength) {
                fail(value, member, "Member must have length greater than or equal to " + minLength);
            } else if (value.length() > maxLength) {
                fail(value, member, "Member must have length less than or equal to " + maxLength);
            }
            if (pattern != null && !pattern.matcher(value).matches()) {
                fail(value, member, "Member must satisfy regular expression pattern: " + pattern.pattern());
            }
            return value;
        }

        private void fail(String value, String member, String constraint) {
            problems.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
        }

        void throwIfAny() throws StsError {
            if (!problems.isEmpty()) {
                int n = problems.size();
                throw new StsError(
                        400,
                        "Sender",
                        "ValidationError",
                        n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", problems));
            }
        }
    }
}
