package dev.awsmfa.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Python's configparser (RawConfigParser, as botocore and so the AWS CLI read these files) over many files in
 * one interpreter: one start for hundreds of files keeps the crash test fast.
 */
final class PythonIni {
    private PythonIni() {}

    /** A file as configparser sees it: its sections, or the parse error's class name. */
    record Parsed(Map<String, Map<String, String>> sections, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private static final String SCRIPT = String.join(
            "\n",
            "import configparser, sys",
            "def esc(s): return s.encode('unicode_escape').decode('ascii').replace('\\t', '\\\\t')",
            "for f in sys.argv[1:]:",
            "    cp = configparser.RawConfigParser(strict=False)",
            "    try:",
            "        cp.read(f, encoding='utf-8-sig')",
            "    except Exception as e:",
            "        print('E\\t' + type(e).__name__)",
            "        continue",
            "    print('F')",
            "    for s in cp.sections():",
            "        print('S\\t' + esc(s))",
            "        for k, v in cp.items(s):",
            "            print('K\\t' + esc(k) + '\\t' + esc(v))",
            "print('END')");

    /** Debian's python3 (what /usr/bin/aws runs) when present: a version manager's shim can cost a second a call. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static List<Parsed> parse(List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python(), "-c", SCRIPT));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("python3 configparser failed: " + err);
        }
        List<Parsed> result = new ArrayList<>();
        Map<String, Map<String, String>> current = null;
        Map<String, String> section = null;
        boolean ended = false;
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "E" -> result.add(new Parsed(Map.of(), f[1]));
                case "F" -> {
                    current = new LinkedHashMap<>();
                    result.add(new Parsed(current, null));
                }
                case "S" -> {
                    section = new LinkedHashMap<>();
                    current.put(f[1], section);
                }
                case "K" -> section.put(f[1], f[2]);
                case "END" -> ended = true;
                default -> throw new IOException("unexpected oracle output: " + line);
            }
        }
        if (!ended || result.size() != files.size()) {
            throw new IOException("configparser answered for " + result.size() + " of " + files.size() + " files");
        }
        return result;
    }
}
