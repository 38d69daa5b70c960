import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Lists the skipped tests of a run, with their reasons, from the Surefire and Failsafe XML reports
 * (MODULE/target/{surefire,failsafe}-reports/TEST-*.xml, a testcase with a {@code <skipped message=...>} child).
 * Only reports written after the marker file count, so stale reports of an earlier run do not. Exit status 0
 * when nothing was skipped but explained skips (reason starting "explained: ": an input the project may not carry,
 * not beside the checkout), 1 when any other test was skipped (the tests that can skip fail instead under
 * -Dpkinit.ci=true, so such a skip is one nobody explained), 2 on a usage or read error.
 *
 * <p>Usage: {@code java scripts/lib/SkippedTests.java ROOT MARKER} (single-file source launch, JDK 11+).
 */
public final class SkippedTests {
    /** Prerequisites.EXPLAINED: an input the project may not carry and that is not beside the checkout. */
    private static final String EXPLAINED = "explained: ";

    private record Skip(String test, String reason) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java SkippedTests.java ROOT MARKER");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        FileTime since = Files.getLastModifiedTime(Path.of(args[1]));
        List<Path> reports = reports(root, since);
        int runs = 0;
        List<Skip> skips = new ArrayList<>();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path report : reports) {
            NodeList cases = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testcase = (Element) cases.item(i);
                runs++;
                NodeList skipped = testcase.getElementsByTagName("skipped");
                if (skipped.getLength() > 0) {
                    skips.add(new Skip(testcase.getAttribute("classname") + "." + testcase.getAttribute("name"),
                            reason((Element) skipped.item(0))));
                }
            }
        }
        System.out.printf("skipped tests: %d of %d runs in %d reports (*/target/{surefire,failsafe}-reports)%n",
                skips.size(), runs, reports.size());
        boolean unexplained = false;
        for (Skip skip : skips) {
            boolean explained = skip.reason().startsWith(EXPLAINED);
            unexplained |= !explained;
            System.out.println((explained ? "  SKIPPED (explained) " : "  SKIPPED ") + skip.test() + ": "
                    + skip.reason());
        }
        System.exit(unexplained ? 1 : 0);
    }

    /**
     * The message attribute (a @Disabled reason), else the first line of the stack trace Surefire writes as the
     * element's text for an aborted test, without the exception's class name.
     */
    private static String reason(Element skipped) {
        String message = skipped.getAttribute("message");
        if (message.isBlank()) {
            message = skipped.getTextContent().strip().lines().findFirst().orElse("");
            String type = skipped.getAttribute("type") + ": ";
            if (!type.equals(": ") && message.startsWith(type)) {
                message = message.substring(type.length());
            }
        }
        return message.isBlank() ? "(no reason given)" : message;
    }

    private static List<Path> reports(Path root, FileTime since) throws IOException {
        try (Stream<Path> files = Files.find(root, 4, (path, attributes) -> {
            String dir = path.getParent() == null ? "" : path.getParent().getFileName().toString();
            String name = path.getFileName().toString();
            return (dir.equals("surefire-reports") || dir.equals("failsafe-reports"))
                    && name.startsWith("TEST-") && name.endsWith(".xml")
                    && attributes.lastModifiedTime().compareTo(since) >= 0;
        })) {
            return files.sorted().toList();
        }
    }
}
