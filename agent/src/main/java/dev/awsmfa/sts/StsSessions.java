package dev.awsmfa.sts;

import dev.awsmfa.credentials.SessionCredentials;
import dev.awsmfa.profile.ManagedProfile;
import dev.awsmfa.profile.RoleTarget;
import dev.awsmfa.sts.StsFailure.Kind;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * GetSessionToken through the real AWS SDK: the profile's own keys, an explicit region and endpoint, the
 * URL-connection client, bounded timeouts, and no retry, because the request carries a one-time code.
 */
public final class StsSessions implements Sts {

    /** Limits for one call; a code is valid for about 30 s, so nothing here should wait longer than that. */
    public record Timeouts(Duration connect, Duration read, Duration call) {
        public static final Timeouts DEFAULT =
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));
    }

    private final Timeouts timeouts;

    public StsSessions(Timeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public SessionCredentials getSessionToken(ManagedProfile profile, String code, int durationSeconds)
            throws StsFailure {
        GetSessionTokenRequest request = GetSessionTokenRequest.builder()
                .serialNumber(profile.mfaSerial())
                .tokenCode(code)
                .durationSeconds(durationSeconds)
                .build();
        AwsCredentials longTerm = AwsBasicCredentials.create(
                profile.keys().accessKeyId(), profile.keys().secretAccessKey());
        return call(
                profile,
                longTerm,
                durationSeconds,
                "GetSessionToken",
                c -> c.getSessionToken(request).credentials());
    }

    /**
     * AssumeRole for a role profile: from an MFA session ({@code code} empty: role chaining, no code), or
     * directly with the long-term keys and a code ({@code session} empty).
     */
    @Override
    public SessionCredentials assumeRole(
            ManagedProfile profile, Optional<SessionCredentials> session, Optional<String> code) throws StsFailure {
        RoleTarget role = profile.role().orElseThrow();
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(role.roleArn())
                .roleSessionName(role.sessionName())
                .durationSeconds(role.durationSeconds());
        role.externalId().ifPresent(request::externalId);
        code.ifPresent(c -> request.serialNumber(profile.mfaSerial()).tokenCode(c));
        AwsCredentials caller = session.<AwsCredentials>map(
                        s -> AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken()))
                .orElseGet(() -> AwsBasicCredentials.create(
                        profile.keys().accessKeyId(), profile.keys().secretAccessKey()));
        AssumeRoleRequest built = request.build();
        return call(
                profile,
                caller,
                role.durationSeconds(),
                "AssumeRole",
                c -> c.assumeRole(built).credentials());
    }

    private SessionCredentials call(
            ManagedProfile profile,
            AwsCredentials caller,
            int duration,
            String action,
            Function<StsClient, Credentials> request)
            throws StsFailure {
        StsReply reply = new StsReply();
        try (StsClient client = client(profile, caller, reply)) {
            Credentials c = request.apply(client);
            if (reply.notSts() || c == null) {
                throw notSts(profile, reply);
            }
            return new SessionCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration());
        } catch (StsException e) {
            throw reply.notSts() ? notSts(profile, reply) : classify(profile, duration, action, e);
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new StsFailure(
                    Kind.UNREACHABLE,
                    "STS at " + profile.endpoint().uri() + " did not answer within "
                            + timeouts.call().toSeconds()
                            + " s; the code may be used up: try again with the next code");
        } catch (SdkClientException e) {
            throw reply.notSts() ? notSts(profile, reply) : unreachable(profile, e);
        } catch (RuntimeException e) {
            // What the SDK's parser made of a page that is not STS's: still that page, not a bug of ours.
            if (reply.notSts()) {
                throw notSts(profile, reply);
            }
            throw e;
        }
    }

    /** Something else answered: a network problem, told by what came back. */
    private static StsFailure notSts(ManagedProfile p, StsReply reply) {
        return new StsFailure(
                Kind.UNREACHABLE,
                "STS at " + p.endpoint().uri() + " answered with " + reply.describe()
                        + ", not an STS reply: a captive portal or a proxy may be in the way; sign in to the network or check "
                        + "the proxy and the endpoint setting, then try again with the next code");
    }

    private StsClient client(ManagedProfile profile, AwsCredentials caller, StsReply reply) {
        // The SDK would otherwise parse the user's files on its own (and fail on spellings the CLI accepts);
        // we resolved everything ourselves, so it gets an empty profile file.
        ProfileFile none = ProfileFile.builder()
                .content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
        return StsClient.builder()
                .region(Region.of(profile.region()))
                .endpointOverride(profile.endpoint().uri())
                .credentialsProvider(StaticCredentialsProvider.create(caller))
                .httpClient(UrlConnectionHttpClient.builder()
                        .tlsTrustManagersProvider(DeferredTrustManager::asArray)
                        .connectionTimeout(timeouts.connect())
                        .socketTimeout(timeouts.read())
                        .build())
                .overrideConfiguration(c -> c.addExecutionInterceptor(reply)
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(timeouts.call())
                        .apiCallTimeout(timeouts.call())
                        .defaultProfileFile(none)
                        .defaultProfileName("default"))
                .build();
    }

    static StsFailure classify(ManagedProfile p, int duration, String action, StsException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null
                ? ""
                : String.valueOf(e.awsErrorDetails().errorMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        String key = p.keys().accessKeyId();
        String where = "[" + p.source() + "]";
        if (code == null) {
            code = "";
        }
        switch (code) {
            case "AccessDenied":
                if (lower.contains("invalid mfa one time pass code")) {
                    return new StsFailure(
                            Kind.WRONG_CODE,
                            "MFA code rejected for " + p.mfaSerial()
                                    + ": it is wrong or was already used (each code works once); wait for the next code and try again");
                }
                if (lower.contains("serial number") || lower.contains("unable to validate mfa")) {
                    return new StsFailure(
                            Kind.BAD_SERIAL,
                            "MFA device " + p.mfaSerial() + " is not assigned to the IAM user of " + key
                                    + "; copy the device ARN from the IAM console into mfa_serial for profile '"
                                    + p.name() + "'");
                }
                if (lower.contains("session credentials")) {
                    return notLongTerm(p);
                }
                if (action.equals("AssumeRole")) {
                    return new StsFailure(
                            Kind.ACCESS_DENIED,
                            "not allowed to assume "
                                    + p.role().map(RoleTarget::roleArn).orElse("the role") + " for profile '" + p.name()
                                    + "'; check the role's trust policy (and external_id) and your IAM policy");
                }
                return new StsFailure(
                        Kind.ACCESS_DENIED,
                        "STS denied GetSessionToken for " + key
                                + "; check the IAM user's policy allows sts:GetSessionToken");
            case "InvalidClientTokenId":
                return new StsFailure(
                        Kind.BAD_KEY,
                        "access key " + key + " in " + where
                                + " is invalid or deactivated; create a new access key in the IAM console and put it in "
                                + where);
            case "SignatureDoesNotMatch":
                return new StsFailure(
                        Kind.BAD_SECRET,
                        "the secret access key for " + key + " in " + where
                                + " is wrong; fix aws_secret_access_key under " + where);
            case "ExpiredToken":
                if (action.equals("AssumeRole")
                        && p.role().map(RoleTarget::chained).orElse(false)) {
                    return new StsFailure(
                            Kind.SESSION_EXPIRED,
                            "the MFA session of '" + p.source()
                                    + "' has ended; renew it with a code (aws-mfa-agent renew -p " + p.source() + ")");
                }
                return notLongTerm(p);
            case "ValidationError":
                if (lower.contains("role chaining")) {
                    return new StsFailure(
                            Kind.DURATION_REJECTED,
                            "a role assumed from an MFA session lasts at most 1 hour "
                                    + "(role chaining); set duration_seconds to 3600 or less for profile '" + p.name()
                                    + "'");
                }
                if (lower.contains("duration")) {
                    return new StsFailure(
                            Kind.DURATION_REJECTED,
                            "STS rejected a session of " + duration + " s for profile '" + p.name()
                                    + "'; set duration_seconds from 900 to 129600 (3600 at most for the root user)");
                }
                break;
            case "Throttling":
            case "ThrottlingException":
            case "RequestLimitExceeded":
                return new StsFailure(
                        Kind.THROTTLED,
                        "STS is throttling requests for " + key + "; wait a minute, then try again with a new code");
            default:
                break;
        }
        if (e.statusCode() >= 500) {
            return new StsFailure(
                    Kind.SERVICE_ERROR,
                    "STS failed (HTTP " + e.statusCode() + (code.isEmpty() ? "" : " " + code)
                            + "); try again in a minute with a new code");
        }
        return new StsFailure(
                Kind.OTHER,
                "STS refused " + action + " (" + (code.isEmpty() ? "HTTP " + e.statusCode() : code) + ") for profile '"
                        + p.name() + "'; check the profile's keys and mfa_serial");
    }

    private static StsFailure notLongTerm(ManagedProfile p) {
        return new StsFailure(
                Kind.NOT_LONG_TERM,
                "the keys in [" + p.source() + "] are temporary credentials; "
                        + "GetSessionToken needs your IAM user's long-term access key there");
    }

    private StsFailure unreachable(ManagedProfile p, SdkClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = "STS at " + p.endpoint().uri();
        if (root instanceof UnknownHostException) {
            return new StsFailure(
                    Kind.UNREACHABLE,
                    "cannot reach " + where + ": unknown host "
                            + p.endpoint().uri().getHost()
                            + "; check your network or the endpoint setting, then try again");
        }
        if (root instanceof ConnectException) {
            return new StsFailure(
                    Kind.UNREACHABLE,
                    "cannot reach " + where
                            + ": connection refused; check your network or the endpoint setting, then try again");
        }
        // The request may have reached AWS, which then spent the code: never resend it.
        String why = root instanceof SocketTimeoutException
                ? "did not answer within " + timeouts.read().toSeconds() + " s"
                : "closed the connection without an answer";
        return new StsFailure(
                Kind.UNREACHABLE, where + " " + why + "; the code may be used up: try again with the next code");
    }
}
