package dev.mediawatch.enrich.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoryFingerprintTest {

    /** A fixture: first line the headline, the rest the body (byline included, as extractors leave it). */
    record Story(String title, String text) {
        StoryFingerprint fingerprint() {
            return StoryFingerprint.of(title, text);
        }

        Story withTitle(String t) {
            return new Story(t, text);
        }

        Story replace(String from, String to) {
            assertThat(text).contains(from);
            return new Story(title, text.replace(from, to));
        }
    }

    static Story load(String name) {
        try (InputStream in = StoryFingerprintTest.class.getResourceAsStream("/story/" + name)) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int nl = all.indexOf('\n');
            return new Story(all.substring(0, nl), all.substring(nl + 1));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static final Story RULING = load("ruling-wire.txt");
    static final Story RELEASE = load("release-wire.txt");

    static final String DROPPED_SENTENCE = "Government lawyers acknowledged in earlier filings that the man had been "
            + "removed because of an administrative error. ";
    static final String EXTRA_PARAGRAPH = "\nThe hearing drew dozens of supporters, who gathered outside the "
            + "courthouse holding signs with the man's photograph. His wife, a U.S. citizen, told reporters that "
            + "their three children asked every night when their father would come home, and that she had not "
            + "heard his voice since the day he was detained.\n";

    static Story lightlyEdited() {
        return RULING.withTitle("Judge: Trump officials must act to free Maryland father held at CECOT")
                .replace("By Maria Delgado, Associated Press\n\nGREENBELT, Md. (AP) —",
                        "By Sun staff | The Baltimore Sun\n\nA")
                .replace(DROPPED_SENTENCE, "")
                .replace("a request for comment on Thursday.\n", "a request for comment on Thursday.\n" + EXTRA_PARAGRAPH);
    }

    private static void sameStory(Story a, Story b) {
        StoryFingerprint fa = a.fingerprint(), fb = b.fingerprint();
        assertThat(fa.similarity(fb)).isGreaterThanOrEqualTo(0.6);
        assertThat(shared(fa, fb)).isNotEmpty();
    }

    private static Set<String> shared(StoryFingerprint a, StoryFingerprint b) {
        Set<String> keys = new HashSet<>(a.bandKeys());
        keys.retainAll(b.bandKeys());
        return keys;
    }

    @Test
    void identicalCopiesAreIdentical() {
        assertThat(RULING.fingerprint().similarity(RULING.fingerprint())).isEqualTo(1.0);
    }

    @Test
    void changedHeadlineIsTheSameStory() {
        sameStory(RULING, RULING.withTitle("Maryland man deported to El Salvador must be brought back, judge rules"));
    }

    @Test
    void extraParagraphAtTheEndIsTheSameStory() {
        sameStory(RULING, RULING.replace("on Thursday.\n", "on Thursday.\n" + EXTRA_PARAGRAPH));
    }

    @Test
    void droppedSentenceIsTheSameStory() {
        sameStory(RULING, RULING.replace(DROPPED_SENTENCE, ""));
    }

    @Test
    void differentBylineIsTheSameStory() {
        sameStory(RULING, RULING.replace("By Maria Delgado, Associated Press", "From the Washington bureau of NBC News"));
    }

    @Test
    void allLightEditsTogetherAreStillTheSameStory() {
        sameStory(RULING, lightlyEdited());
    }

    @Test
    void accentsCaseAndPunctuationDoNotMatter() {
        Story shouted = new Story(RULING.title().toUpperCase(Locale.ROOT),
                RULING.text().replace("El Salvador", "El Sálvador").replace("—", "-").replace("\"", "'"));
        assertThat(RULING.fingerprint().similarity(shouted.fingerprint())).isEqualTo(1.0);
    }

    @Test
    void differentEventsOnTheSameTopicAreDifferentStories() {
        StoryFingerprint ruling = RULING.fingerprint(), release = RELEASE.fingerprint();
        assertThat(ruling.similarity(release)).isLessThan(0.3);
        assertThat(shared(ruling, release)).isEmpty();
        assertThat(lightlyEdited().fingerprint().similarity(release)).isLessThan(0.3);
    }

    @Test
    void signaturesAreStableAcrossCallsAndJvms() {
        assertThat(RULING.fingerprint().signature()).isEqualTo(RULING.fingerprint().signature());
        // Pinned values: these must not change silently, or stored story state no longer matches new articles.
        // They changed once, with one-permutation MinHash, together with a new (empty) band index store.
        StoryFingerprint f = StoryFingerprint.of("Bukele meets Trump", "The two presidents discussed CECOT.");
        assertThat(Long.toHexString(f.signature()[0])).isEqualTo(PINNED_FIRST);
        assertThat(f.bandKeys().get(0)).isEqualTo(PINNED_BAND);
    }

    static final String PINNED_FIRST = "19880d39c83b7ec2";
    static final String PINNED_BAND = "00:c99d7a425964e57a";

    @Test
    void binsNoShingleFellIntoBorrowFromFilledOnesTheSameWayForEveryText() {
        long[] few = StoryFingerprint.minHash(new long[] {1, 2, 3});
        assertThat(few).doesNotContain(Long.MAX_VALUE);
        assertThat(java.util.Arrays.stream(few).distinct().count()).isLessThanOrEqualTo(3);
        // the same shingles give the same signature; a superset agrees on most bins
        assertThat(StoryFingerprint.minHash(new long[] {3, 2, 1})).isEqualTo(few);
        assertThat(StoryFingerprint.minHash(new long[0])).containsOnly(Long.MAX_VALUE);
    }

    @Test
    void theOnePassWordHashesAndBandKeysEqualTheirPlainDefinitionsOnRandomText() {
        java.util.Random random = new java.util.Random(20261129L);
        String alphabet = "abcXYZ019 \n\t-\u2014'\u2019.,\u00e9\u00c9\u00df\u0130\u00ad\u200b\u0644\u4e2d\ud83d\ude00";
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(round < 50 ? 8 : 300);
            for (int i = 0; i < length; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String raw = text.toString();
            long[] plain = StoryFingerprint.words(raw).stream().mapToLong(Hash64::of).toArray();
            assertThat(StoryFingerprint.wordHashes(raw)).as(raw).isEqualTo(plain);
            // Repeated shingles do not change a minimum: the set and the list give one signature.
            assertThat(StoryFingerprint.minHash(StoryFingerprint.shingleHashes(plain)))
                    .isEqualTo(StoryFingerprint.minHash(StoryFingerprint.shingles(StoryFingerprint.words(raw))));
            long h = random.nextLong();
            int band = random.nextInt(StoryFingerprint.BANDS);
            assertThat(StoryFingerprint.bandKey(band, h)).isEqualTo(String.format(Locale.ROOT, "%02d:%016x", band, h));
        }
        assertThat(StoryFingerprint.bandKey(3, 0)).isEqualTo("03:0000000000000000");
        assertThat(StoryFingerprint.bandKey(31, -1)).isEqualTo("31:ffffffffffffffff");
    }

    @Test
    void signatureRoundTrips() {
        StoryFingerprint f = RULING.fingerprint();
        StoryFingerprint back = StoryFingerprint.fromSignature(f.signature());
        assertThat(back).isEqualTo(f);
        assertThat(back.bandKeys()).isEqualTo(f.bandKeys());
        assertThatThrownBy(() -> StoryFingerprint.fromSignature(new long[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bandKeysAreOnePerBandAndNamedByBand() {
        List<String> keys = RULING.fingerprint().bandKeys();
        assertThat(keys).hasSize(StoryFingerprint.BANDS);
        assertThat(keys.get(7)).startsWith("07:").hasSize(3 + 16);
    }

    @Test
    void shortTextsStillMatchTheirCopies() {
        StoryFingerprint a = StoryFingerprint.of("Bukele visits Washington", "");
        StoryFingerprint b = StoryFingerprint.of("BUKELE VISITS WASHINGTON", null);
        assertThat(a.isEmpty()).isFalse();
        assertThat(a.similarity(b)).isEqualTo(1.0);
    }

    @Test
    void unrelatedOneLinersDoNotCollide() {
        List<StoryFingerprint> lines = List.of(
                StoryFingerprint.of("Bukele visits Washington", ""),
                StoryFingerprint.of("Court blocks deportation flights to El Salvador", ""),
                StoryFingerprint.of("Families wait outside CECOT prison", ""),
                StoryFingerprint.of("Inside CECOT prison", ""),
                StoryFingerprint.of("Deportation flights to El Salvador resume", ""),
                StoryFingerprint.of("Breaking", ""));
        for (int i = 0; i < lines.size(); i++) {
            for (int j = i + 1; j < lines.size(); j++) {
                assertThat(lines.get(i).similarity(lines.get(j))).as("%d vs %d", i, j).isLessThan(0.5);
                assertThat(shared(lines.get(i), lines.get(j))).as("%d vs %d", i, j).isEmpty();
            }
        }
    }

    @Test
    void emptyTextsAreSimilarToNothing() {
        StoryFingerprint empty = StoryFingerprint.of("", "— … —");
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.similarity(StoryFingerprint.of(null, null))).isZero();
        assertThat(empty.bandKeys()).isEmpty();
    }

    @Test
    void estimateIsCloseToTheExactJaccard() {
        long[] a = StoryFingerprint.shingles(StoryFingerprint.words(RULING.title() + "\n" + RULING.text()));
        Story edited = lightlyEdited();
        long[] b = StoryFingerprint.shingles(StoryFingerprint.words(edited.title() + "\n" + edited.text()));
        Set<Long> sa = new HashSet<>(), union = new HashSet<>();
        for (long x : a) sa.add(x);
        int common = 0;
        for (long x : b) if (sa.contains(x)) common++;
        for (long x : a) union.add(x);
        for (long x : b) union.add(x);
        double exact = (double) common / union.size();
        assertThat(RULING.fingerprint().similarity(edited.fingerprint())).isCloseTo(exact, offset(0.15));
    }
}
