package dev.mediawatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.model.EntityMention;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precision and recall of the matcher over labelled news sentences, held out from the unit tests'
 * tuning: print variants (accents, dashes, possessives, MS13) and look-alikes (Cecotto, Jerry Garcia).
 * Parameterised by data set so further labelled files can be added.
 */
class LabelledMentionsTest {

    private record Example(Set<String> expected, String text) {}

    @ParameterizedTest
    @ValueSource(strings = "/enrich/labelled-mentions.tsv")
    void precisionAndRecallAreAtLeast97Percent(String resource) throws IOException {
        EntityMatcher matcher = Watchlist.matcher();
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        List<String> misses = new ArrayList<>();
        List<Example> examples = read(resource);
        for (Example ex : examples) {
            Set<String> found = new HashSet<>(matcher.match("", ex.text()).stream().map(EntityMention::id).toList());
            Set<String> hit = new HashSet<>(found);
            hit.retainAll(ex.expected());
            truePositives += hit.size();
            falsePositives += found.size() - hit.size();
            falseNegatives += ex.expected().size() - hit.size();
            if (!found.equals(ex.expected())) misses.add(ex.text() + " -> " + found + ", expected " + ex.expected());
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) (truePositives + falseNegatives);
        assertThat(examples).hasSizeGreaterThanOrEqualTo(40);
        assertThat(precision).as("precision; misses: %s", misses).isGreaterThanOrEqualTo(0.97);
        assertThat(recall).as("recall; misses: %s", misses).isGreaterThanOrEqualTo(0.97);
    }

    private static List<Example> read(String resource) throws IOException {
        try (InputStream in = LabelledMentionsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            List<Example> examples = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t", 2);
                Set<String> ids = cols[0].equals("-") ? Set.of() : new HashSet<>(Arrays.asList(cols[0].split(",")));
                examples.add(new Example(ids, cols[1]));
            }
            return examples;
        }
    }
}
