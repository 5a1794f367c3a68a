package dev.awsmfa.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    @Test
    @DisplayName("a row is the cells left-aligned in their columns, exactly as the table's former format strings")
    void rowsAsTheFormatStrings() {
        int[] widths = {22, 18, 20, 8};
        for (List<String> cells : List.of(
                List.of("PROFILE", "SOURCE", "EXPIRES", "LEFT", "STATE"),
                List.of("dev01", "base", "2025-03-01 10:00 CET", "1h 0m", "fresh"),
                List.of("a-profile-name-far-longer-than-its-column", "-", "-", "-", "setup error"),
                List.of("p", "", "", "", ""),
                Arrays.asList("q", null, "-", "-", "fresh"),
                List.of("exactly-twenty-two-ch", "s", "2025-03-01 10:00 CEST", "12345678", "expiring"))) {
            String expected =
                    String.format("%-22s %-18s %-20s %-8s %s", cells.toArray()).stripTrailing();
            assertEquals(expected, StatusTable.row(widths, cells.toArray(String[]::new)));
        }
    }

    @Test
    @DisplayName("the wide row's empty last cell leaves no trailing blanks")
    void noTrailingBlanks() {
        assertEquals("a  b", StatusTable.row(new int[] {2, 4}, "a", "b", ""));
    }
}
