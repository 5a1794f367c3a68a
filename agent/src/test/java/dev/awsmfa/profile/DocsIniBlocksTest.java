package dev.awsmfa.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```ini block (each file of it, where it shows two) in README.md and docs/*.md is valid as copied: botocore reads it, and no value it reads holds
 * an inline comment (botocore keeps {@code # note} after a value as part of the value), nor does a header carry one.
 */
class DocsIniBlocksTest {
    private static final Pattern BLOCK = Pattern.compile("```ini\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE_COMMENT = Pattern.compile("(?s).*\\s[#;].*");

    @TempDir
    Path root;

    record Block(String where, String text) {}

    @Test
    @DisplayName("botocore reads every ini block of the docs, and no value or header holds an inline comment")
    void docsIniBlocksAreValidAsCopied() throws Exception {
        BotocoreDifferentialTest.requireBotocore();
        List<Block> blocks = blocks();
        assertTrue(blocks.size() >= 4, "the README's layouts and roles blocks are found: " + blocks.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Path folder = Files.createDirectories(root.resolve(String.format("b%03d", i)));
            Files.writeString(folder.resolve("config"), blocks.get(i).text());
            Files.writeString(folder.resolve("credentials"), "");
            for (String line : blocks.get(i).text().split("\n")) {
                String t = line.strip();
                if (t.startsWith("[")
                        && t.indexOf(']') > 0
                        && t.substring(t.lastIndexOf(']') + 1).matches("\\s*[#;].*")) {
                    problems.add(blocks.get(i).where() + ": a comment after the header " + t);
                }
            }
        }
        Map<String, String> read = readAll();
        for (int i = 0; i < blocks.size(); i++) {
            String json = read.get(String.format("b%03d", i));
            if (json.equals("REFUSED")) {
                problems.add(blocks.get(i).where() + ": botocore refuses this block");
                continue;
            }
            collect(blocks.get(i).where(), Json.object(json), problems);
        }
        System.out.println("docs ini blocks: " + blocks.size() + " read by botocore, " + problems.size() + " problems");
        assertEquals(List.of(), problems);
    }

    private static void collect(String where, Map<String, Object> node, List<String> problems) {
        node.forEach((key, value) -> {
            if (value instanceof String s && INLINE_COMMENT.matcher(s).matches()) {
                problems.add(where + ": botocore reads " + key + " as '" + s + "' (put the comment on its own line)");
            } else if (value instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) m;
                collect(where, child, problems);
            }
        });
    }

    private static List<Block> blocks() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                long line = text.substring(0, m.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count()
                        + 1;
                // A block may show both files, each after a "# ~/.aws/config" or "# ~/.aws/credentials" line.
                for (String file : m.group(1).split("(?m)^(?=# ~/\\.aws/)")) {
                    blocks.add(new Block(f.normalize() + " line " + line, file));
                }
            }
        }
        return blocks;
    }

    /** The config part of each case as botocore reads it, through the differential test's script. */
    private Map<String, String> readAll() throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/botocore/read_cases.py").toAbsolutePath();
        Process p = new ProcessBuilder(BotocoreDifferentialTest.PYTHON.toString(), script.toString(), root.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "the botocore reader ran");
        Map<String, String> config = new java.util.HashMap<>();
        for (String line : new String(out, StandardCharsets.US_ASCII).split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length == 3 && f[1].equals("config")) {
                config.put(f[0], f[2]);
            }
        }
        return config;
    }
}
