package dev.awsmfa.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.testing.LoopbackHttpServer.Header;
import dev.awsmfa.testing.StsStub.Call;
import dev.awsmfa.testing.StsStub.IssuedCredentials;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** Drives {@link StsStub} with the real AWS SDK (and the real AWS CLI when installed). */
class StsStubTest {

    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SERIAL = "arn:aws:iam::123456789012:mfa/alice";
    static final String USER_ARN = "arn:aws:iam::123456789012:user/alice";
    static final String ROLE_ARN = "arn:aws:iam::210987654321:role/admin/Deployer";

    StsStub stub;
    final List<StsClient> clients = new ArrayList<>();

    @BeforeAll
    static void isolateFromTheMachinesAwsFiles() {
        // Surefire sets these too; building a client parses ~/.aws otherwise.
        System.setProperty("aws.configFile", "/nonexistent/aws-mfa-agent-test/config");
        System.setProperty("aws.sharedCredentialsFile", "/nonexistent/aws-mfa-agent-test/credentials");
    }

    @BeforeEach
    void start() {
        stub = new StsStub();
        stub.addUser(AKID, SECRET, SERIAL);
        stub.addRole(ROLE_ARN, 4 * 3600);
    }

    @AfterEach
    void stop() {
        clients.forEach(StsClient::close);
        stub.close();
    }

    // ---------------------------------------------------------------- GetSessionToken

    @Test
    void getSessionTokenReturnsTheIssuedCredentialsAndTheSignatureWasValid() {
        stub.acceptCodes("123456");

        Credentials creds = longTermClient()
                .getSessionToken(
                        r -> r.durationSeconds(3600).serialNumber(SERIAL).tokenCode("123456"))
                .credentials();

        IssuedCredentials issued = single(stub.issued());
        assertEquals(issued.accessKeyId(), creds.accessKeyId());
        assertEquals(issued.secret(), creds.secretAccessKey());
        assertEquals(issued.token(), creds.sessionToken());
        assertEquals(issued.expiration(), creds.expiration());
        assertEquals("GetSessionToken", issued.action());
        assertEquals(USER_ARN, issued.arn());
        assertTrue(issued.accessKeyId().matches("ASIA[A-Z0-9]{16}"), issued.accessKeyId());
        assertEquals(40, issued.secret().length());
        assertTrue(issued.token().length() > 300
                && issued.token().contains("/")
                && issued.token().endsWith("=="));
        long seconds = Duration.between(Instant.now(), issued.expiration()).toSeconds();
        assertTrue(seconds > 3590 && seconds <= 3600, "expires in " + seconds + " s");

        Call call = single(stub.calls());
        assertEquals("GetSessionToken", call.action());
        assertEquals(AKID, call.accessKeyId());
        assertTrue(call.signatureValid());
        assertEquals("123456", call.param("TokenCode"));
        assertEquals(SERIAL, call.param("SerialNumber"));
        assertEquals("3600", call.param("DurationSeconds"));
        assertEquals("2011-06-15", call.param("Version"));
        assertEquals(List.of("123456"), stub.usedCodes());
    }

    @Test
    void expirationFollowsTheStubClockAndDefaultsTo12Hours() {
        Instant now = Instant.parse("2030-01-01T15:04:05.789Z");
        try (StsStub fixed = new StsStub(Clock.fixed(now, ZoneOffset.UTC))) {
            fixed.addUser(AKID, SECRET, SERIAL);
            fixed.acceptCodes("654321");
            Credentials creds = client(fixed, basic())
                    .getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("654321"))
                    .credentials();
            assertEquals(Instant.parse("2030-01-02T03:04:05Z"), creds.expiration());
            assertEquals(now, single(fixed.calls()).at());
        }
    }

    @Test
    void aCodeIsAcceptedOnceEver() {
        stub.acceptCodes("111111");
        StsClient sts = longTermClient();
        sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("111111"));

        StsException reused =
                stsError(() -> sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("111111")));
        assertError(reused, 403, "AccessDenied", StsStub.MSG_MFA_INVALID_CODE);

        stub.acceptCodes("111111"); // accepting it again does not revive it
        assertError(
                stsError(() -> sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("111111"))),
                403,
                "AccessDenied",
                StsStub.MSG_MFA_INVALID_CODE);
        assertEquals(1, stub.issued().size());
        assertEquals(3, stub.calls("GetSessionToken").size());
    }

    @Test
    void wrongCodeAndWrongSerialAreRefusedAsAwsDoes() {
        stub.acceptCodes("222222");
        StsClient sts = longTermClient();

        assertError(
                stsError(() -> sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("999999"))),
                403,
                "AccessDenied",
                StsStub.MSG_MFA_INVALID_CODE);
        assertError(
                stsError(() -> sts.getSessionToken(
                        r -> r.serialNumber("arn:aws:iam::123456789012:mfa/bob").tokenCode("222222"))),
                403,
                "AccessDenied",
                StsStub.MSG_MFA_BAD_SERIAL);
        // Neither failure spent the valid code.
        sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("222222"));
    }

    @Test
    void durationAndCodeFormatAreValidated() {
        stub.acceptCodes("333333");
        StsClient sts = longTermClient();

        assertError(
                stsError(() -> sts.getSessionToken(
                        r -> r.durationSeconds(60).serialNumber(SERIAL).tokenCode("333333"))),
                400,
                "ValidationError",
                "1 validation error detected: Value '60' at 'durationSeconds' failed to "
                        + "satisfy constraint: Member must have value greater than or equal to 900");
        assertError(
                stsError(() -> sts.getSessionToken(
                        r -> r.durationSeconds(129601).serialNumber(SERIAL).tokenCode("12345"))),
                400,
                "ValidationError",
                "2 validation errors detected: Value '129601' at 'durationSeconds' failed "
                        + "to satisfy constraint: Member must have value less than or equal to 129600; Value '12345' "
                        + "at 'tokenCode' failed to satisfy constraint: Member must have length greater than or "
                        + "equal to 6");
        assertEquals(List.of(), stub.usedCodes());
    }

    @Test
    void sessionCredentialsCannotCallGetSessionToken() {
        StsClient session = sessionClient(getSessionToken("444444"));
        assertError(stsError(() -> session.getSessionToken()), 403, "AccessDenied", StsStub.MSG_SESSION_CREDENTIALS);
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void wrongSecretGivesSignatureDoesNotMatchAndSpendsNoCode() {
        stub.acceptCodes("555555");
        StsClient wrong = client(stub, AwsBasicCredentials.create(AKID, SECRET.replace('K', 'k')));

        assertError(
                stsError(() -> wrong.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("555555"))),
                403,
                "SignatureDoesNotMatch",
                StsStub.MSG_SIGNATURE);
        Call call = single(stub.calls());
        assertEquals(AKID, call.accessKeyId());
        assertFalse(call.signatureValid());
        assertEquals(List.of(), stub.usedCodes());
    }

    @Test
    void unknownAndDeactivatedKeysGiveInvalidClientTokenId() {
        StsClient unknown = client(stub, AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", SECRET));
        assertError(stsError(unknown::getCallerIdentity), 403, "InvalidClientTokenId", StsStub.MSG_INVALID_TOKEN);

        StsStub.User carol = stub.addUser("AKIACAROLCAROLCAROL0", "carol-secret", null);
        StsClient carolClient = client(stub, AwsBasicCredentials.create("AKIACAROLCAROLCAROL0", "carol-secret"));
        assertEquals(
                "arn:aws:iam::123456789012:user/user-2",
                carolClient.getCallerIdentity().arn());
        carol.deactivate();
        assertError(stsError(carolClient::getCallerIdentity), 403, "InvalidClientTokenId", StsStub.MSG_INVALID_TOKEN);
    }

    @Test
    void issuedKeyWithoutItsTokenIsInvalid() {
        Credentials creds = getSessionToken("666666");
        StsClient noToken = client(stub, AwsBasicCredentials.create(creds.accessKeyId(), creds.secretAccessKey()));
        assertError(stsError(noToken::getCallerIdentity), 403, "InvalidClientTokenId", StsStub.MSG_INVALID_TOKEN);
    }

    @Test
    void expiredIssuedCredentialsGiveExpiredToken() {
        MutableClock clock = new MutableClock(Instant.now());
        try (StsStub timed = new StsStub(clock)) {
            timed.addUser(AKID, SECRET, SERIAL);
            timed.acceptCodes("777777");
            Credentials creds = client(timed, basic())
                    .getSessionToken(
                            r -> r.durationSeconds(900).serialNumber(SERIAL).tokenCode("777777"))
                    .credentials();
            StsClient session = client(timed, sessionCredentials(creds));
            session.getCallerIdentity();

            clock.advance(Duration.ofSeconds(901));
            assertError(stsError(session::getCallerIdentity), 403, "ExpiredToken", StsStub.MSG_EXPIRED);
        }
    }

    // ---------------------------------------------------------------- AssumeRole, GetCallerIdentity

    @Test
    void assumeRoleFromSessionCredentialsWorksUpToOneHour() {
        StsClient session = sessionClient(getSessionToken("888888"));

        AssumeRoleResponse role = session.assumeRole(r -> r.roleArn(ROLE_ARN)
                .roleSessionName("alice@laptop")
                .durationSeconds(3600)
                .externalId("ext-1"));
        assertEquals(
                "arn:aws:sts::210987654321:assumed-role/Deployer/alice@laptop",
                role.assumedRoleUser().arn());
        assertTrue(role.assumedRoleUser().assumedRoleId().matches("AROA[A-Z0-9]{17}:alice@laptop"));
        IssuedCredentials issued = stub.issued().get(1);
        assertEquals(issued.accessKeyId(), role.credentials().accessKeyId());
        assertEquals(issued.token(), role.credentials().sessionToken());

        assertError(
                stsError(() -> session.assumeRole(
                        r -> r.roleArn(ROLE_ARN).roleSessionName("x1").durationSeconds(7200))),
                400,
                "ValidationError",
                StsStub.MSG_ROLE_CHAINING);

        List<Call> assumeCalls = stub.calls("AssumeRole");
        assertEquals(2, assumeCalls.size());
        assertTrue(assumeCalls.stream().allMatch(c -> c.signatureValid() && c.param("TokenCode") == null));
        assertEquals("ext-1", assumeCalls.get(0).param("ExternalId"));

        // The role's credentials work in turn.
        GetCallerIdentityResponse who =
                client(stub, sessionCredentials(role.credentials())).getCallerIdentity();
        assertEquals(role.assumedRoleUser().arn(), who.arn());
        assertEquals("210987654321", who.account());
    }

    @Test
    void assumeRoleFromLongTermKeysSpendsTheCodeAndHonoursTheRoleLimits() {
        stub.acceptCodes("121212", "343434");
        StsClient sts = longTermClient();

        sts.assumeRole(r -> r.roleArn(ROLE_ARN)
                .roleSessionName("s1")
                .durationSeconds(4 * 3600)
                .serialNumber(SERIAL)
                .tokenCode("121212"));
        assertError(
                stsError(() -> sts.assumeRole(r -> r.roleArn(ROLE_ARN)
                        .roleSessionName("s2")
                        .serialNumber(SERIAL)
                        .tokenCode("121212"))),
                403,
                "AccessDenied",
                StsStub.MSG_MFA_INVALID_CODE);
        assertError(
                stsError(() -> sts.assumeRole(r -> r.roleArn(ROLE_ARN)
                        .roleSessionName("s3")
                        .durationSeconds(5 * 3600)
                        .serialNumber(SERIAL)
                        .tokenCode("343434"))),
                400,
                "ValidationError",
                StsStub.MSG_ROLE_MAX_DURATION);
        String unknownRole = "arn:aws:iam::123456789012:role/Nope";
        assertError(
                stsError(() -> sts.assumeRole(r -> r.roleArn(unknownRole).roleSessionName("s4"))),
                403,
                "AccessDenied",
                "User: " + USER_ARN + " is not authorized to perform: sts:AssumeRole on resource: " + unknownRole);
    }

    @Test
    void roleRequiringMfaRefusesCallersWithoutIt() {
        String strict = "arn:aws:iam::123456789012:role/Strict";
        stub.addRole(strict, 3600).requireMfa();
        stub.acceptCodes("565656");
        StsClient sts = longTermClient();
        assertError(
                stsError(() -> sts.assumeRole(r -> r.roleArn(strict).roleSessionName("nomfa"))),
                403,
                "AccessDenied",
                "User: " + USER_ARN + " is not authorized to perform: sts:AssumeRole on resource: " + strict);
        // Session credentials from an MFA'd GetSessionToken carry MFA, like aws:MultiFactorAuthPresent.
        sessionClient(getSessionToken("787878"))
                .assumeRole(r -> r.roleArn(strict).roleSessionName("mfa"));

        String external = "arn:aws:iam::123456789012:role/Partner";
        stub.addRole(external, 3600).requireExternalId("partner-42");
        assertEquals(
                "AccessDenied",
                stsError(() -> sts.assumeRole(
                                r -> r.roleArn(external).roleSessionName("p1").externalId("partner-41")))
                        .awsErrorDetails()
                        .errorCode());
        sts.assumeRole(r -> r.roleArn(external).roleSessionName("p2").externalId("partner-42"));
    }

    @Test
    void getCallerIdentityWithIssuedSessionCredentials() {
        Credentials creds = getSessionToken("909090");
        GetCallerIdentityResponse who = sessionClient(creds).getCallerIdentity();
        assertEquals(USER_ARN, who.arn());
        assertEquals("123456789012", who.account());
        assertTrue(who.userId().matches("AIDA[A-Z0-9]{17}"), who.userId());
        Call call = stub.calls().get(1);
        assertEquals("GetCallerIdentity", call.action());
        assertEquals(creds.accessKeyId(), call.accessKeyId());
        assertTrue(call.signatureValid());
    }

    // ---------------------------------------------------------------- faults

    @Test
    void errorFaultsSurfaceWithTheirStatusAndCodeAndSpendNoCode() {
        stub.acceptCodes("131313");
        StsClient sts = longTermClient();
        stub.failNext(Fault.internalFailure());
        stub.failNext(Fault.serviceUnavailable());
        stub.failNext(Fault.throttling());

        StsException internal =
                stsError(() -> sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("131313")));
        assertEquals(500, internal.statusCode());
        assertEquals("InternalFailure", internal.awsErrorDetails().errorCode());
        assertEquals(503, stsError(sts::getCallerIdentity).statusCode());
        assertError(stsError(sts::getCallerIdentity), 400, "Throttling", "Rate exceeded");

        sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("131313"));
        assertEquals(4, stub.calls().size());
    }

    @Test
    void slowReplyBeyondTheAttemptTimeoutIsAClientTimeoutButTheCodeIsSpent() {
        stub.acceptCodes("141414");
        stub.failNext(Fault.delay(Duration.ofSeconds(5)));
        StsClient sts = client(stub, basic(), Duration.ofMillis(500));

        long start = System.nanoTime();
        SdkClientException e = assertThrows(
                SdkClientException.class,
                () -> sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("141414")));
        assertInstanceOf(ApiCallAttemptTimeoutException.class, e);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
        assertEquals(List.of("141414"), stub.usedCodes());
        assertEquals(1, stub.issued().size());
    }

    @Test
    void shortDelayStillAnswers() {
        stub.failNext(Fault.delay(Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertEquals(USER_ARN, longTermClient().getCallerIdentity().arn());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void resetIsAClientErrorAndIsNotSilentlyResent() {
        stub.acceptCodes("151515");
        StsClient sts = longTermClient();
        sts.getCallerIdentity(); // leaves a kept-alive connection that the reset then kills
        stub.failNext(Fault.reset());

        SdkClientException e = assertThrows(
                SdkClientException.class,
                () -> sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("151515")));
        // One attempt reached the stub: neither the SDK nor HttpURLConnection re-sent the POST.
        assertEquals(1, stub.calls("GetSessionToken").size());
        assertEquals(List.of(), stub.usedCodes());
        // The next call works on a fresh connection, and the code is still good.
        sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("151515"));
    }

    @Test
    void consumeThenDropSpendsTheCodeAndLosesTheReply() {
        stub.acceptCodes("161616");
        StsClient sts = longTermClient();
        stub.failNext(Fault.consumeThenDrop());

        assertThrows(
                SdkClientException.class,
                () -> sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("161616")));
        assertEquals(List.of("161616"), stub.usedCodes());
        assertEquals(1, stub.issued().size());
        assertEquals(1, stub.calls().size());
        assertError(
                stsError(() -> sts.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("161616"))),
                403,
                "AccessDenied",
                StsStub.MSG_MFA_INVALID_CODE);
    }

    @Test
    void faultsCanTargetAnActionOrLastUntilCleared() {
        StsClient sts = longTermClient();
        stub.failNext("AssumeRole", 1, Fault.throttling());
        sts.getCallerIdentity();
        assertEquals(
                "Throttling",
                stsError(() -> sts.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("s1")))
                        .awsErrorDetails()
                        .errorCode());
        sts.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("s1"));

        stub.failAll(Fault.serviceUnavailable());
        for (int i = 0; i < 3; i++) {
            assertEquals(503, stsError(sts::getCallerIdentity).statusCode());
        }
        stub.clearFaults();
        sts.getCallerIdentity();
    }

    @Test
    void closeStopsTheServerAndAllItsThreads() {
        StsStub own = new StsStub();
        own.addUser(AKID, SECRET, SERIAL);
        String prefix = "sts-stub-" + own.endpoint().getPort() + "-";
        own.failNext(Fault.delay(Duration.ofSeconds(30))); // leaves a connection thread asleep
        assertThrows(
                SdkClientException.class,
                () -> client(own, basic(), Duration.ofMillis(300)).getCallerIdentity());
        assertTrue(threadsNamed(prefix).stream().allMatch(Thread::isDaemon));
        assertTrue(threadsNamed(prefix).size() >= 2, () -> threadsNamed(prefix).toString());

        own.close();

        assertEquals(List.of(), threadsNamed(prefix));
        assertThrows(
                IOException.class,
                () -> new java.net.Socket("127.0.0.1", own.endpoint().getPort()).close());
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .toList();
    }

    // ---------------------------------------------------------------- the verifier itself

    @Test
    void verifierReproducesTheAwsDocumentationExample() {
        // "GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08" from the AWS SigV4 docs.
        var request = new LoopbackHttpServer.Request(
                "GET",
                "/?Action=ListUsers&Version=2010-05-08",
                "HTTP/1.1",
                List.of(
                        new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                        new Header("Host", "iam.amazonaws.com"),
                        new Header("X-Amz-Date", "20150830T123600Z")),
                new byte[0]);
        var authz = new SigV4Verifier.Authorization(
                "AKIDEXAMPLE", "20150830", "us-east-1", "iam", List.of("content-type", "host", "x-amz-date"), "");
        assertEquals(
                "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
                SigV4Verifier.expectedSignature(
                        request, authz, "20150830T123600Z", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws IOException {
        String signedBody = "Action=GetCallerIdentity&Version=2011-06-15";
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(AKID, SECRET))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(stub.endpoint())
                                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(signedBody))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));

        assertEquals(200, post(signed.request(), signedBody));
        assertEquals(403, post(signed.request(), "Action=GetCallerIdentity&Version=2011-06-15&X=1"));
        assertEquals(
                List.of(true, false),
                stub.calls().stream().map(Call::signatureValid).toList());
    }

    /** Sends a pre-signed request with HttpURLConnection (which sets Host itself) and this body. */
    private static int post(SdkHttpRequest request, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) request.getUri().toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        request.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> c.addRequestProperty(name, v));
            }
        });
        c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        int status = c.getResponseCode();
        c.disconnect();
        return status;
    }

    // ---------------------------------------------------------------- the AWS CLI (botocore's signer)

    @Test
    void theRealAwsCliIsAcceptedToo(@TempDir Path home) throws Exception {
        Path aws = Path.of("/usr/bin/aws");
        Assumptions.assumeTrue(Files.isExecutable(aws), "no /usr/bin/aws");

        String out = awsCli(
                home, Map.of("AWS_ACCESS_KEY_ID", AKID, "AWS_SECRET_ACCESS_KEY", SECRET), "sts", "get-caller-identity");
        assertTrue(out.contains("\"Arn\": \"" + USER_ARN + "\""), out);

        stub.acceptCodes("171717");
        out = awsCli(
                home,
                Map.of("AWS_ACCESS_KEY_ID", AKID, "AWS_SECRET_ACCESS_KEY", SECRET),
                "sts",
                "get-session-token",
                "--serial-number",
                SERIAL,
                "--token-code",
                "171717",
                "--duration-seconds",
                "900");
        IssuedCredentials issued = single(stub.issued());
        assertTrue(out.contains(issued.token()), out);

        out = awsCli(
                home,
                Map.of(
                        "AWS_ACCESS_KEY_ID",
                        issued.accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY",
                        issued.secret(),
                        "AWS_SESSION_TOKEN",
                        issued.token()),
                "sts",
                "assume-role",
                "--role-arn",
                ROLE_ARN,
                "--role-session-name",
                "cli");
        assertTrue(out.contains("assumed-role/Deployer/cli"), out);

        List<Call> calls = stub.calls();
        assertEquals(
                List.of("GetCallerIdentity", "GetSessionToken", "AssumeRole"),
                calls.stream().map(Call::action).toList());
        assertTrue(calls.stream().allMatch(Call::signatureValid), calls.toString());
        assertEquals("171717", calls.get(1).param("TokenCode"));
        assertEquals(issued.accessKeyId(), calls.get(2).accessKeyId());
    }

    private String awsCli(Path home, Map<String, String> credentials, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws"));
        command.addAll(List.of(args));
        command.addAll(
                List.of("--endpoint-url", stub.endpoint().toString(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear(); // nothing from the developer's shell: no profile, no real keys, no pager
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", "/nonexistent/config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        env.putAll(credentials);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static AwsBasicCredentials basic() {
        return AwsBasicCredentials.create(AKID, SECRET);
    }

    private static AwsSessionCredentials sessionCredentials(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private StsClient longTermClient() {
        return client(stub, basic());
    }

    private StsClient sessionClient(Credentials c) {
        return client(stub, sessionCredentials(c));
    }

    /** Session credentials from an MFA'd GetSessionToken with this code. */
    private Credentials getSessionToken(String code) {
        stub.acceptCodes(code);
        return longTermClient()
                .getSessionToken(r -> r.serialNumber(SERIAL).tokenCode(code))
                .credentials();
    }

    private StsClient client(StsStub target, AwsCredentials creds) {
        return client(target, creds, Duration.ofSeconds(10));
    }

    /** Configured as the agent must: explicit region, UrlConnection client, no retries, timeouts. */
    private StsClient client(StsStub target, AwsCredentials creds, Duration attemptTimeout) {
        StsClient sts = StsClient.builder()
                .endpointOverride(target.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(creds))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(attemptTimeout)
                        .apiCallTimeout(attemptTimeout.multipliedBy(2)))
                .build();
        clients.add(sts);
        return sts;
    }

    private static StsException stsError(Executable call) {
        return assertThrows(StsException.class, call);
    }

    private static void assertError(StsException e, int status, String code, String message) {
        assertEquals(status, e.statusCode(), e::toString);
        assertEquals(code, e.awsErrorDetails().errorCode(), e::toString);
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), list::toString);
        return list.get(0);
    }
}
