package dev.awsmfa.profile;

import static dev.awsmfa.profile.ConfigLookup.first;
import static dev.awsmfa.profile.ConfigLookup.get;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** Chooses the STS endpoint in the AWS SDKs' order, so we call the STS the AWS CLI would call. */
final class StsEndpoints {

    private final IniFile config;
    private final Path configPath;
    private final Map<String, String> env;

    StsEndpoints(IniFile config, Path configPath, Map<String, String> env) {
        this.config = config;
        this.configPath = configPath;
        this.env = env;
    }

    /** The STS endpoint as the AWS SDKs choose it: env, then the profile's [services], then endpoint_url. */
    StsEndpoint of(IniFile.Section own, IniFile.Section sourceConfig, String region) throws ProfileException {
        boolean ignore = "true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
                || "true"
                        .equalsIgnoreCase(first(
                                get(own, "ignore_configured_endpoint_urls"),
                                get(sourceConfig, "ignore_configured_endpoint_urls")));
        if (!ignore) {
            if (env.get("AWS_ENDPOINT_URL_STS") != null
                    && !env.get("AWS_ENDPOINT_URL_STS").isBlank()) {
                return configured(env.get("AWS_ENDPOINT_URL_STS"), "AWS_ENDPOINT_URL_STS");
            }
            if (env.get("AWS_ENDPOINT_URL") != null
                    && !env.get("AWS_ENDPOINT_URL").isBlank()) {
                return configured(env.get("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL");
            }
            for (IniFile.Section s : new IniFile.Section[] {own, sourceConfig}) {
                String services = get(s, "services");
                if (services != null) {
                    IniFile.Section block = config.section("services " + services);
                    String url = block == null
                            ? null
                            : block.nested().getOrDefault("sts", Map.of()).get("endpoint_url");
                    if (url != null && !url.isBlank()) {
                        return configured(url, "[services " + services + "] sts endpoint_url in " + configPath);
                    }
                }
                String url = get(s, "endpoint_url");
                if (url != null) {
                    return configured(url, "endpoint_url of [" + s.name() + "] in " + configPath);
                }
            }
        }
        String host =
                region.startsWith("cn-") ? "sts." + region + ".amazonaws.com.cn" : "sts." + region + ".amazonaws.com";
        return new StsEndpoint(URI.create("https://" + host), "default for region " + region, false);
    }

    private static StsEndpoint configured(String url, String origin) throws ProfileException {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(url, "no scheme or host");
            }
            return new StsEndpoint(uri, origin, true);
        } catch (URISyntaxException e) {
            throw new ProfileException("the STS endpoint '" + url + "' from " + origin
                    + " is not a URL; write it like https://sts.us-east-1.amazonaws.com");
        }
    }
}
