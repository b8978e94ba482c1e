package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.ingest.EvaluationSet.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores {@link ArticleExtractor} on the evaluation set: per page, recall is the share of {@code mustContain}
 * snippets found in the extracted text, precision is one minus the share of {@code mustNotContain} snippets found
 * (both after whitespace normalisation), F1 their harmonic mean; the bar is a mean F1 of 0.90 on each split.
 */
class ExtractionQualityTest {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionQualityTest.class);
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00a0]+");
    static final double BAR = 0.90;

    private final ArticleExtractor extractor = new ArticleExtractor();

    record Score(Page page, double precision, double recall, List<String> missing, List<String> leaked) {
        double f1() {
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
    }

    @Test
    void devPagesReachTheBar() {
        assertThat(meanF1("dev")).isGreaterThanOrEqualTo(BAR);
    }

    @Test
    void heldOutPagesReachTheBar() {
        assertThat(meanF1("heldout")).isGreaterThanOrEqualTo(BAR);
    }

    /** The set itself is sound: every snippet is on its page, and no snippet is both wanted and unwanted. */
    @Test
    void everySnippetOccursOnItsPage() {
        List<Page> pages = EvaluationSet.all();
        assertThat(pages.size()).as("pages in the evaluation set").isGreaterThanOrEqualTo(60);
        for (Page page : pages) {
            String whole = normalize(Jsoup.parse(new String(page.html(),
                    HtmlCharset.detect(page.html(), page.contentType())), page.url().toString()).body().text());
            assertThat(page.mustContain()).as(page.name()).allSatisfy(s -> assertThat(whole).contains(normalize(s)));
            assertThat(page.mustNotContain()).as(page.name()).allSatisfy(s -> assertThat(whole).contains(normalize(s)));
            for (String bad : page.mustNotContain()) {
                assertThat(page.mustContain()).as(page.name())
                        .noneSatisfy(good -> assertThat(normalize(good)).contains(normalize(bad)));
            }
        }
    }

    private double meanF1(String split) {
        List<Score> scores = new ArrayList<>();
        for (Page page : EvaluationSet.split(split)) scores.add(score(page));
        double mean = scores.stream().mapToDouble(Score::f1).average().orElse(0);
        double p = scores.stream().mapToDouble(Score::precision).average().orElse(0);
        double r = scores.stream().mapToDouble(Score::recall).average().orElse(0);
        LOG.info(String.format(Locale.ROOT, "extraction %s: %d pages, mean F1 %.3f (precision %.3f, recall %.3f)",
                split, scores.size(), mean, p, r));
        for (Score s : scores) {
            if (s.f1() < 1.0) {
                LOG.info(String.format(Locale.ROOT, "  %-8s %-28s F1 %.2f P %.2f R %.2f missing=%s leaked=%s",
                        split, s.page().name(), s.f1(), s.precision(), s.recall(), s.missing(), s.leaked()));
            }
        }
        return mean;
    }

    Score score(Page page) {
        String text = normalize(extractor.extract(page.html(), page.contentType(), page.url()).text());
        List<String> missing = page.mustContain().stream().filter(s -> !text.contains(normalize(s))).toList();
        List<String> leaked = page.mustNotContain().stream().filter(s -> text.contains(normalize(s))).toList();
        double recall = 1 - (double) missing.size() / page.mustContain().size();
        double precision = 1 - (double) leaked.size() / page.mustNotContain().size();
        return new Score(page, precision, recall, missing, leaked);
    }

    static String normalize(String s) {
        return SPACE.matcher(s).replaceAll(" ").trim();
    }
}
