package dev.awsmfa.autostart;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Our launchd LaunchAgent property list, and how to read a user's Disabled key from an existing one. */
record LaunchAgentPlist(String label, List<String> programArguments) {

    LaunchAgentPlist {
        programArguments = List.copyOf(programArguments);
    }

    /**
     * RunAtLoad starts it at login; Interactive spares it launchd's throttling; KeepAlive restarts it only
     * after a crash (non-zero exit), never after Quit from the tray, which KeepAlive=true would do.
     */
    String render() {
        String arguments = programArguments.stream()
                .map(arg -> "\t\t<string>" + escape(arg) + "</string>\n")
                .collect(Collectors.joining());
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
                + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n"
                + "<dict>\n"
                + "\t<key>Label</key>\n"
                + "\t<string>" + escape(label) + "</string>\n"
                + "\t<key>ProgramArguments</key>\n"
                + "\t<array>\n"
                + arguments
                + "\t</array>\n"
                + "\t<key>RunAtLoad</key>\n"
                + "\t<true/>\n"
                + "\t<key>ProcessType</key>\n"
                + "\t<string>Interactive</string>\n"
                + "\t<key>KeepAlive</key>\n"
                + "\t<dict>\n"
                + "\t\t<key>SuccessfulExit</key>\n"
                + "\t\t<false/>\n"
                + "\t</dict>\n"
                + "</dict>\n"
                + "</plist>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Whether the top-level dict has {@code <key>Disabled</key><true/>}; {@code where} names the file in errors. */
    static boolean disabledByUser(String xml, String where) throws AutoStartException {
        try {
            Element plist =
                    parser().parse(new InputSource(new StringReader(xml))).getDocumentElement();
            Element dict = firstElement(plist.getFirstChild());
            boolean afterDisabledKey = false;
            for (Element child = dict == null ? null : firstElement(dict.getFirstChild());
                    child != null;
                    child = firstElement(child.getNextSibling())) {
                if (afterDisabledKey) {
                    return child.getTagName().equals("true");
                }
                afterDisabledKey = child.getTagName().equals("key")
                        && child.getTextContent().strip().equals("Disabled");
            }
            return false;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AutoStartException("Could not read " + where + " as an XML property list: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // Never fetch Apple's DTD over the network, nor resolve any external entity.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler()); // throw on fatal errors, print nothing to stderr
        return builder;
    }

    /** {@code node} itself or its next sibling that is an element (skipping whitespace and comments). */
    private static Element firstElement(Node node) {
        Node current = node;
        while (current != null && current.getNodeType() != Node.ELEMENT_NODE) {
            current = current.getNextSibling();
        }
        return (Element) current;
    }
}
