package dev.mediawatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns padded to their widest cell, for terminal output. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    TextTable row(Object... cells) {
        if (cells.length != columns) throw new IllegalArgumentException("expected " + columns + " cells");
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) text[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
        rows.add(text);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) widths[i] = Math.max(widths[i], r[i].length());
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(r[i]);
                if (i < columns - 1) line.append(" ".repeat(widths[i] - r[i].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
