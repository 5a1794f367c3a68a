package dev.awsmfa.testing;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class StsStubTest {
    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SERIAL = "arn:aws:iam::123456789012:mfa/alice";

    StsStub stub;
    final List<StsClient> clients = new ArrayList<>();

    @BeforeAll
    static void isolate() {
        System.setProperty("aws.configFile", "/nonexistent/x");
        System.setProperty("aws.sharedCredentialsFile", "/nonexistent/y");
    }

    @BeforeEach
    void start() {
        stub = new StsStub();
        stub.addUser(AKID, SECRET, SERIAL);
    }

    @AfterEach
    void stop() {
        clients.forEach(StsClient::close);
        stub.close();
    }

    StsClient client(AwsCredentials creds) {
        StsClient c = StsClient.builder().endpointOverride(stub.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(creds))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofMillis(800)))
                .build();
        clients.add(c);
        return c;
    }

    @Test
    void experiment() {
        stub.acceptCodes("123456", "222222");
        StsClient c = client(AwsBasicCredentials.create(AKID, SECRET));
        System.out.println(c.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("123456")));
        System.out.println(stub.calls());
        System.out.println(c.getCallerIdentity());
        stub.failNext(Fault.reset());
        try {
            System.out.println(c.getCallerIdentity());
        } catch (Exception e) {
            System.out.println("reset: " + e);
        }
        System.out.println(stub.calls().size());
        stub.failNext(Fault.consumeThenDrop());
        try {
            System.out.println(c.getSessionToken(r -> r.serialNumber(SERIAL).tokenCode("222222")));
        } catch (Exception e) {
            System.out.println("drop: " + e);
        }
        stub.calls().forEach(System.out::println);
    }
}
