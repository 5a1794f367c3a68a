package dev.awsmfa.testing;

import java.util.Arrays;
import java.util.List;

/**
 * The XML documents STS sends, laid out the way AWS lays them out (two-space indentation, one
 * element per line), so client parsers meet the same whitespace they meet in production.
 */
final class StsXml {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** An element with either text or children. */
    record Element(String name, String text, List<Element> children) {
        static Element text(String name, String text) {
            return new Element(name, text, List.of());
        }

        static Element of(String name, Element... children) {
            return new Element(name, null, Arrays.asList(children));
        }
    }

    private StsXml() {}

    /** {@code <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>...} */
    static String success(String action, String requestId, Element... resultChildren) {
        Element root = Element.of(
                action + "Response",
                Element.of(action + "Result", resultChildren),
                Element.of("ResponseMetadata", Element.text("RequestId", requestId)));
        return document(root);
    }

    static String error(String type, String code, String message, String requestId) {
        Element root = Element.of(
                "ErrorResponse",
                Element.of(
                        "Error",
                        Element.text("Type", type),
                        Element.text("Code", code),
                        Element.text("Message", message)),
                Element.text("RequestId", requestId));
        return document(root);
    }

    private static String document(Element root) {
        StringBuilder out = new StringBuilder();
        write(out, root, 0, true);
        return out.toString();
    }

    private static void write(StringBuilder out, Element e, int depth, boolean root) {
        out.append("  ".repeat(depth)).append('<').append(e.name());
        if (root) {
            out.append(" xmlns=\"").append(NAMESPACE).append('"');
        }
        out.append('>');
        if (e.text() != null) {
            out.append(escape(e.text()));
        } else {
            out.append('\n');
            for (Element child : e.children()) {
                write(out, child, depth + 1, false);
            }
            out.append("  ".repeat(depth));
        }
        out.append("</").append(e.name()).append(">\n");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
