package dev.mediawatch.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Pairs of entities named together in one article, each pair once and in a stable order: "a+b" with a < b. */
public final class CoMentions {
    public static final String SEPARATOR = "+";

    private CoMentions() {
    }

    public static List<String> pairs(List<String> entityIds) {
        List<String> ids = new ArrayList<>(new TreeSet<>(entityIds));
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) pairs.add(ids.get(i) + SEPARATOR + ids.get(j));
        }
        return pairs;
    }

    public static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + SEPARATOR + b : b + SEPARATOR + a;
    }
}
