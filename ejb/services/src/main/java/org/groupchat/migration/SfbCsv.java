package org.groupchat.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.groupchat.channel.Privacy;
import org.groupchat.channel.RoomType;

/**
 * Reads the CSV that Skype for Business Server's management shell writes with
 * {@code Get-CsPersistentChatCategory | Export-Csv} and {@code Get-CsPersistentChatRoom | Export-Csv}.
 * Columns are found by their header, in any order and case; the {@code #TYPE} line Windows
 * PowerShell writes first is skipped. A list (members, managers, ...) is one field, its entries
 * joined with {@code ;} (Export-Csv writes a list's type name instead, which is refused with the
 * way to export it). A category or room named by its Identity ({@code pool.fqdn\Name}) is
 * named by what follows the backslash.
 */
final class SfbCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true).get();

    private SfbCsv() {
    }

    static List<CategoryRow> categories(String file, Reader in, List<ImportProblem> problems) {
        return rows(file, in, problems, "AllowedMembers", row -> new CategoryRow(row.file, row.line, row.name("Name"),
                row.entries("AllowedMembers"), row.entries("DeniedMembers"), row.entries("Creators"),
                row.bool("Invitations"), row.bool("FileUpload")));
    }

    static List<RoomRow> rooms(String file, Reader in, List<ImportProblem> problems) {
        return rows(file, in, problems, "Category", row -> new RoomRow(row.file, row.line, row.name("Name"), row.name("Category"),
                row.text("Description"), row.choice("Privacy", Privacy.class, Privacy.OPEN),
                row.choice("Type", RoomType.class, RoomType.NORMAL), Boolean.TRUE.equals(row.bool("Disabled")),
                row.inheritable("Invitations"), row.inheritable("FileUpload"),
                row.entries("Members"), row.entries("Managers"), row.entries("Presenters")));
    }

    private static <T> List<T> rows(String file, Reader in, List<ImportProblem> problems, String required, Function<Row, T> read) {
        List<T> rows = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(in)) {
            long skipped = skipTypeLine(lines);
            try (CSVParser parser = CSVParser.builder().setReader(lines).setFormat(FORMAT).get()) {
                List<String> headers = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
                boolean named = headers.contains("name") || headers.contains("identity");
                if (!named || !headers.contains(required.toLowerCase(Locale.ROOT))) {
                    problems.add(new ImportProblem(file, 1 + skipped, "the header needs a Name (or Identity) and a " + required
                            + " column; it has " + parser.getHeaderNames()));
                    return rows;
                }
                long end = parser.getCurrentLineNumber() + skipped;
                Iterator<CSVRecord> records = parser.iterator();
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    Row row = new Row(file, end + 1, record, problems);
                    end = parser.getCurrentLineNumber() + skipped;
                    int before = problems.size();
                    T read1 = read.apply(row);
                    if (problems.size() == before) {
                        rows.add(read1);
                    }
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(new ImportProblem(file, 0, "not readable as CSV: " + e.getMessage()));
        }
        return rows;
    }

    /** Windows PowerShell's Export-Csv starts with {@code #TYPE ...}; says how many lines it skipped. */
    private static long skipTypeLine(BufferedReader lines) throws IOException {
        lines.mark(64 * 1024);
        String first = lines.readLine();
        if (first != null && first.startsWith("#TYPE")) {
            return 1;
        }
        lines.reset();
        return 0;
    }

    /** One record, its fields read with the problems they have noted at its line. */
    private static final class Row {

        private final String file;
        private final long line;
        private final CSVRecord record;
        private final List<ImportProblem> problems;

        Row(String file, long line, CSVRecord record, List<ImportProblem> problems) {
            this.file = file;
            this.line = line;
            this.record = record;
            this.problems = problems;
        }

        String text(String column) {
            return record.isMapped(column) && record.isSet(column) ? record.get(column).trim() : "";
        }

        /** A name: the column, or the Identity's part after its backslash. */
        String name(String column) {
            String value = text(column);
            if (value.isEmpty() && column.equals("Name")) {
                value = text("Identity");
            }
            value = value.substring(value.lastIndexOf('\\') + 1).trim();
            if (value.isEmpty()) {
                problem(column + " is empty");
            }
            return value;
        }

        Boolean bool(String column) {
            String value = text(column);
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "" -> null;
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> {
                    problem(column + " '" + value + "' is neither True nor False");
                    yield null;
                }
            };
        }

        /** True, False, or Inherit (or empty): the category's. */
        Boolean inheritable(String column) {
            return text(column).equalsIgnoreCase("inherit") ? null : bool(column);
        }

        <E extends Enum<E>> E choice(String column, Class<E> type, E empty) {
            String value = text(column);
            if (value.isEmpty()) {
                return empty;
            }
            Optional<E> known = Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value)).findFirst();
            if (known.isEmpty()) {
                problem(column + " '" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().charAt(0) + e.name().substring(1).toLowerCase(Locale.ROOT)).toList());
            }
            return known.orElse(empty);
        }

        /**
         * A list's entries: SIP URIs (a bare {@code user@host} is taken as one), domains
         * ({@code @host}) and groups ({@code group:NAME}). A directory name (CN=, OU=, DC=) is
         * refused: without a directory the server cannot tell whom it stands for.
         */
        List<String> entries(String column) {
            String value = text(column);
            if (value.startsWith("System.Collections") || value.startsWith("Microsoft.Rtc")) {
                problem(column + " holds the list's type name (" + value + "), not its entries: export it joined, "
                        + "@{n='" + column + "';e={$_." + column + " -join ';'}}");
                return List.of();
            }
            List<String> entries = new ArrayList<>();
            for (String part : value.split("[;\\r\\n]+")) {
                String entry = part.trim();
                if (entry.startsWith("{") && entry.endsWith("}")) {
                    entry = entry.substring(1, entry.length() - 1).trim(); // PowerShell's {} of an empty list
                }
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.matches("(?i)(cn|ou|dc|o)=.*")) {
                    problem(column + " entry '" + entry + "' is a directory name; give the SIP URIs, @domain or group:NAME it stands for");
                } else if (entry.regionMatches(true, 0, "group:", 0, 6) || entry.regionMatches(true, 0, "sip:", 0, 4)
                        || entry.startsWith("@")) {
                    entries.add(entry);
                } else if (entry.contains("@")) {
                    entries.add("sip:" + entry);
                } else {
                    problem(column + " entry '" + entry + "' is neither a SIP URI, an @domain nor a group:NAME");
                }
            }
            return entries;
        }

        private void problem(String message) {
            problems.add(new ImportProblem(file, line, message));
        }
    }
}
