package dev.mediawatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    @Test
    void findsEveryOccurrenceOfEveryKeyAsANaiveSearchDoes() {
        Random random = new Random(7);
        // A small alphabet makes keys share prefixes and suffixes: deep fail chains, nested outputs.
        String alphabet = "aab c\u00e9\u4e2d";
        for (int round = 0; round < 300; round++) {
            Set<String> keySet = new LinkedHashSet<>();
            int keys = 1 + random.nextInt(round < 100 ? 5 : 60);
            while (keySet.size() < keys) keySet.add(random(random, alphabet, 1 + random.nextInt(6)));
            List<String> keyList = new ArrayList<>(keySet);
            String text = random(random, alphabet, random.nextInt(200));
            AhoCorasick automaton = AhoCorasick.of(keyList);
            assertThat(automaton.isTabled()).isTrue();

            List<String> found = new ArrayList<>();
            automaton.scan(text, (key, start, end) -> found.add(end + ":" + start + ":" + key));
            List<String> expected = new ArrayList<>();
            for (int end = 1; end <= text.length(); end++) {
                // the automaton reports the hits ending at one position longest first
                for (int start = 0; start < end; start++) {
                    int key = keyList.indexOf(text.substring(start, end));
                    if (key >= 0) expected.add(end + ":" + start + ":" + key);
                }
            }
            assertThat(found).as("keys %s in %s", keyList, text).isEqualTo(expected);
        }
    }

    @Test
    void aLargeAlphabetUsesTheSearchedEdgesAsWellAsTheDenseOnes() {
        List<String> keys = new ArrayList<>();
        for (char c = 'a'; c <= 'z'; c++) keys.add("x" + c);                  // one node with 26 edges
        for (char c = '\u0400'; c < '\u0420'; c++) keys.add(String.valueOf(c)); // root edges beyond ASCII
        AhoCorasick automaton = AhoCorasick.of(keys);
        List<Integer> found = new ArrayList<>();
        automaton.scan("xq x\u0401xz\u041f", (key, start, end) -> found.add(key));
        assertThat(found).containsExactly(keys.indexOf("xq"), keys.indexOf("\u0401"), keys.indexOf("xz"),
                keys.indexOf("\u041f"));
    }

    @Test
    void aWatchlistTooLargeForTheTableScansByItsEdgesAndFindsTheSame() {
        Random random = new Random(3);
        List<String> keys = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        // distinct chars x nodes above the table's limit: many long keys over a wide alphabet
        while (seen.size() < 40_000) seen.add(random(random, "abcdefghijklmnopqrstuvwxyz0123456789 \u00e9\u00fc\u00f1", 12));
        keys.addAll(seen);
        AhoCorasick large = AhoCorasick.of(keys);
        assertThat(large.isTabled()).isFalse();
        AhoCorasick small = AhoCorasick.of(keys.subList(0, 2_000));
        assertThat(small.isTabled()).isTrue();
        String text = "xx " + keys.get(5) + " " + keys.get(1_999) + keys.get(30_000) + " yy";
        List<Integer> fromLarge = new ArrayList<>();
        large.scan(text, (key, start, end) -> fromLarge.add(key));
        assertThat(fromLarge).contains(5, 1_999, 30_000);
        List<Integer> fromSmall = new ArrayList<>();
        small.scan(text, (key, start, end) -> fromSmall.add(key));
        assertThat(fromSmall).isEqualTo(fromLarge.stream().filter(k -> k < 2_000).toList());
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return b.toString();
    }
}
