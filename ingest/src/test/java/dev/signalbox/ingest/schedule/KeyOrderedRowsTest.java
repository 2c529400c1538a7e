package dev.signalbox.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class KeyOrderedRowsTest {

    /** What reached the COPY: lines, with a marker after each part. */
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private final KeyOrderedRows.LineWriter copy = new KeyOrderedRows.LineWriter() {
        @Override
        public void write(String line) {
            written.add(line);
        }

        @Override
        public void endOfPart() {
            written.add("|");
        }
    };

    @Test
    void everyRowIsWrittenOnceWithItsImportAndPartAndEachPartInKeyOrder() throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (int trip = 0; trip < 9; trip++) {
            for (int sequence = 1; sequence <= 3; sequence++) {
                rows.add(new String[] {"T" + trip, String.valueOf(sequence)});
            }
        }
        Collections.shuffle(rows, new Random(7));

        try (KeyOrderedRows inKeyOrder = new KeyOrderedRows(42, 10, copy)) {
            for (String[] row : rows) {
                inKeyOrder.add(row[0], Integer.parseInt(row[1]), "feed\t" + row[0] + "\t" + row[1] + "\n");
            }
            inKeyOrder.finish();
            assertThat(inKeyOrder.parts()).isEqualTo(3);
            assertThat(inKeyOrder.rows()).isEqualTo(27);
        }

        List<List<String>> parts = parts();
        assertThat(parts).hasSize(3);
        assertThat(parts).extracting(List::size).containsExactly(10, 10, 7);
        for (int part = 0; part < parts.size(); part++) {
            List<String> lines = parts.get(part);
            String prefix = "42\t" + part + "\t";
            assertThat(lines).allSatisfy(line -> assertThat(line).startsWith(prefix));
            // Each part in (trip, sequence) order; the parts themselves follow the file.
            List<String> sorted = new ArrayList<>(lines);
            sorted.sort(java.util.Comparator.comparing((String line) -> line.split("\t")[3]).thenComparingInt(line -> Integer.parseInt(line.split("\t")[4].trim())));
            assertThat(lines).containsExactlyElementsOf(sorted);
        }
        assertThat(written.stream().filter(line -> !line.equals("|")).map(line -> line.substring(line.indexOf("feed"))))
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(row -> "feed\t" + row[0] + "\t" + row[1] + "\n").toList());
    }

    @Test
    void numbersCompareAsNumbersNotAsText() throws Exception {
        try (KeyOrderedRows inKeyOrder = new KeyOrderedRows(1, 100, copy)) {
            for (int sequence : new int[] {10, 2, 1}) {
                inKeyOrder.add("T", sequence, sequence + "\n");
            }
            inKeyOrder.finish();
        }
        assertThat(written).containsExactly("1\t0\t1\n", "1\t0\t2\n", "1\t0\t10\n", "|");
    }

    @Test
    void aCopyThatFailsFailsTheImportWithItsOwnError() throws Exception {
        KeyOrderedRows.LineWriter refusing = line -> {
            throw new SQLException("the server closed the connection");
        };
        try (KeyOrderedRows inKeyOrder = new KeyOrderedRows(1, 2, refusing)) {
            inKeyOrder.add("A", 1, "a\n");
            inKeyOrder.add("B", 1, "b\n"); // the first part goes to the writer, which fails
            assertThatThrownBy(() -> {
                inKeyOrder.add("C", 1, "c\n");
                inKeyOrder.add("D", 1, "d\n"); // the second part waits for the first, and sees why it failed
                inKeyOrder.finish();
            }).isInstanceOf(SQLException.class).hasMessage("the server closed the connection");
        }
    }

    private List<List<String>> parts() {
        List<List<String>> parts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : written) {
            if (line.equals("|")) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        return parts;
    }
}
