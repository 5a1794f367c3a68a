package dev.awsmfa.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Config/credentials pairs for the differential test: hand-written edge cases, then seeded random combinations
 * of every feature of the grammar (line ends, BOM, comments, spacing and tabs, nested blocks, continuations,
 * duplicates, [default]/[profile default]/[DEFAULT], key case, non-ASCII, long lines, inline comments).
 */
final class IniCases {
    private IniCases() {}

    /** One pair; {@code seed} replays a random one ({@code -1} for a hand-written case). */
    record Case(String name, long seed, String config, String credentials) {}

    static final String KEYS =
            "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretEXAMPLE\n";

    static List<Case> handWritten() {
        String dev = "[profile dev]\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/jane\n";
        String[][] pairs = {
            {dev, KEYS},
            {dev.replace("\n", "\r\n"), KEYS.replace("\n", "\r\n")},
            {dev.replace("\n", "\r"), KEYS.replace("\n", "\r")},
            {"\uFEFF" + dev, KEYS},
            {dev, "\uFEFF" + KEYS},
            {"# top\n; also\n" + dev + "  # indented comment\n", KEYS},
            {"[profile dev] # work account\nregion = eu-west-1 # ireland\n", KEYS},
            {"[profile dev] ; x ] y\nregion=eu-west-1;x\n", KEYS},
            {"  [profile dev]  \n\tregion\t=\teu-west-1\t\n", KEYS},
            {"[profile\tdev]\nregion : eu-west-1\n", KEYS},
            {"[profile   dev]\nregion=\n", KEYS},
            {dev + "s3 =\n  endpoint_url = https://s3.example.test\n  addressing_style = path\n", KEYS},
            {dev + "sts =\n  endpoint_url = https://sts.example.test\n", KEYS},
            {dev + "s3 =\n  endpoint_url: https://s3.example.test\n", KEYS},
            {dev + "region = eu-west-1\n  continued = yes\n", KEYS},
            {dev + "region = eu-west-1\n\n  after blank\n", KEYS},
            {dev + "region = eu-west-1\n  # comment inside\n  more\n", KEYS},
            {dev + dev, KEYS},
            {dev + "REGION = a\nregion = b\n", KEYS},
            {"[default]\nregion = a\n[profile default]\nregion = b\n", KEYS},
            {"[profile default]\nregion = b\n[default]\nregion = a\n", KEYS},
            {"[DEFAULT]\nregion = eu-west-1\n" + dev + "[DEFAULT]\noutput = json\n", KEYS},
            {"[DEFAULT]\nregion = a\n[DEFAULT]\nregion = b\n", KEYS},
            {dev, "[DEFAULT]\naws_session_token = t\n" + KEYS},
            {"[Profile Dev]\nMFA_Serial = X\nSource_Profile = base\n", KEYS},
            {"[profile ümlaut]\nregion = eu-west-1\nnote = café ☕ 𝄞\n", KEYS + "[ümlaut]\naws_session_token = t\n"},
            {dev + "long = " + "x".repeat(20_000) + "\n", KEYS + "[dev]\naws_session_token = " + "T".repeat(5000) + "\n"
            },
            {"region = a\n" + dev, KEYS},
            {dev + "just words\n", KEYS},
            {dev + "= no key\n", KEYS},
            {dev + "[]\n", KEYS},
            {
                "[profile \"my dev\"]\nregion = a\n[profile 'x y']\nregion = b\n[profile a b]\nregion = c\n[profilex y]\n"
                        + "region = d\n[profile \"open]\nregion = e\n",
                KEYS
            },
            {"[ dev ]\nregion = a\n[profile  dev ]\nregion = b\n", "[ base ]\naws_session_token = t\n" + KEYS},
            {"", ""},
            {"\n\n", "# only a comment"},
            {dev, KEYS + "[dev]\naws_security_token = old\naws_session_token = old\nexpiration = 2020-01-01 00:00:00\n"
            },
            {dev, KEYS + "[dev]\naws_session_token = old\n  continued\nnote = a\n  b"},
            {dev, KEYS + "[dev]\n  aws_session_token = old\n  region = x\n"},
            {dev, KEYS + "[dev]\naws_session_token =\n  a = b\n"},
            {dev, KEYS + "[dev]\naws_session_token =\n  not a pair\n"},
            {dev + "x\u000Bvertical = tab\nk = a\u2028b\nnbsp\u00A0= v\u00A0\n", KEYS},
            {dev + "\u3000region = a\n", KEYS},
        };
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < pairs.length; i++) {
            cases.add(new Case(String.format("h%03d", i), -1, pairs[i][0], pairs[i][1]));
        }
        return cases;
    }

    private static final String[] SECTIONS = {
        "default",
        "profile default",
        "profile dev",
        "profile\tdev",
        "profile  prod",
        " dev ",
        "DEFAULT",
        "services s1",
        "sso-session x",
        "profile \"my dev\"",
        "profilex",
        "base",
        "dev",
        "dev-long-term",
        "profile ümlaut",
        "Profile Dev",
        "prod"
    };
    private static final String[] KEYS_POOL = {
        "aws_access_key_id",
        "aws_secret_access_key",
        "aws_session_token",
        "aws_security_token",
        "mfa_serial",
        "source_profile",
        "region",
        "endpoint_url",
        "duration_seconds",
        "output",
        "Region",
        "MFA_Serial",
        "services",
        "key with space",
        "ключ",
        "expiration",
        "aws_mfa_device"
    };
    private static final String[] VALUES = {
        "eu-west-1",
        "eu-west-1 # ireland",
        "arn:aws:iam::123456789012:mfa/jane",
        "base",
        "a;b",
        "x=y",
        "",
        "https://sts.example.test",
        "3600",
        "café",
        "  padded  ",
        "a:b:c",
        "#not-a-comment",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY=="
    };
    private static final String[] SEPARATORS = {" = ", "=", "\t=\t", ":", " : ", " =", "= "};
    private static final String[] COMMENTS = {"# c", "; c", "  # indented", "\t; tabbed", "#", "[not # a section"};

    static Case random(long seed) {
        Random r = new Random(seed);
        return new Case("r" + seed, seed, file(r), file(r));
    }

    private static String file(Random r) {
        StringBuilder out = new StringBuilder();
        String nl = pick(r, new String[] {"\n", "\n", "\n", "\r\n", "\r\n", "\r"});
        if (r.nextInt(25) == 0) {
            out.append('\uFEFF');
        }
        if (r.nextInt(8) == 0) {
            out.append(pick(r, COMMENTS)).append(nl);
        }
        if (r.nextInt(40) == 0) {
            out.append("region = a").append(nl); // a key before any section
        }
        int sections = r.nextInt(5);
        List<String> used = new ArrayList<>();
        for (int s = 0; s < sections; s++) {
            String name = r.nextInt(40) == 0 && !used.isEmpty()
                    ? pick(r, used.toArray(new String[0]))
                    : fresh(r, SECTIONS, used);
            used.add(name);
            out.append(r.nextInt(10) == 0 ? " " : "")
                    .append('[')
                    .append(name)
                    .append(']')
                    .append(r.nextInt(8) == 0 ? pick(r, new String[] {" # note", " ; note", "  ", "\t"}) : "")
                    .append(nl);
            int keys = r.nextInt(6);
            List<String> keyNames = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                String key = r.nextInt(40) == 0 && !keyNames.isEmpty()
                        ? pick(r, keyNames.toArray(new String[0]))
                        : fresh(r, KEYS_POOL, keyNames);
                keyNames.add(key);
                line(r, out, nl, key);
            }
        }
        if (r.nextInt(6) == 0 && out.toString().endsWith(nl)) {
            out.setLength(out.length() - nl.length()); // no final line end
        }
        return out.toString();
    }

    private static void line(Random r, StringBuilder out, String nl, String key) {
        String indent = r.nextInt(12) == 0 ? pick(r, new String[] {" ", "  ", "\t"}) : "";
        int shape = r.nextInt(20);
        if (shape == 0) {
            // a nested block: s3 = / sts = with indented sub-keys (a ':' one makes botocore refuse)
            out.append(indent)
                    .append(pick(r, new String[] {"s3", "sts"}))
                    .append(" =")
                    .append(nl);
            int subs = 1 + r.nextInt(3);
            for (int i = 0; i < subs; i++) {
                out.append(indent)
                        .append("  ")
                        .append(pick(r, new String[] {"endpoint_url", "addressing_style", "Foo"}))
                        .append(r.nextInt(30) == 0 ? ": " : " = ")
                        .append(pick(r, VALUES))
                        .append(nl);
            }
            return;
        }
        if (shape == 1) {
            out.append(pick(r, COMMENTS)).append(nl);
        } else if (shape == 2) {
            out.append(nl);
        } else if (shape == 3 && r.nextInt(3) == 0) {
            out.append(r.nextBoolean() ? "just some words" : "= value without a key")
                    .append(nl);
        }
        String value = r.nextInt(60) == 0 ? "v".repeat(3000 + r.nextInt(5000)) : pick(r, VALUES);
        out.append(indent)
                .append(key)
                .append(pick(r, SEPARATORS))
                .append(value)
                .append(r.nextInt(10) == 0 ? pick(r, new String[] {" # trailing", " ;x", " ", "\t"}) : "")
                .append(nl);
        if (r.nextInt(10) == 0) {
            // continuation lines, sometimes after a blank or a comment
            if (r.nextBoolean()) {
                out.append(r.nextBoolean() ? "" : "  # inside").append(nl);
            }
            out.append(indent)
                    .append(pick(r, new String[] {"  ", "\t", "    "}))
                    .append(pick(r, new String[] {"continued", "region = x", "[profile hidden]", "a=b"}))
                    .append(nl);
        }
    }

    /** One of {@code options} not in {@code used} (case-blind, as key names are), when there is one. */
    private static String fresh(Random r, String[] options, List<String> used) {
        for (int tries = 0; tries < 20; tries++) {
            String o = pick(r, options);
            if (used.stream().noneMatch(u -> u.equalsIgnoreCase(o))) {
                return o;
            }
        }
        return pick(r, options);
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
