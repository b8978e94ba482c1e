package dev.mediawatch.enrich.story;

import dev.mediawatch.enrich.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A MinHash signature of an article's word shingles, for finding wire copies and lightly edited
 * versions of one story across outlets.
 *
 * <p>Shingles are runs of {@value #K} consecutive words of the folded title and text. A text too short
 * for {@value #MIN_SHINGLES} such shingles uses {@value #SHORT_K}-word shingles between start and end
 * markers instead, so a one-line item still has a signature. Word pairs would be too lenient there: two
 * headlines on different events often share a stock phrase ("deportation flights to El Salvador"), and
 * the markers make a line's first and last words count too. A text without words has an empty
 * signature: it is similar to nothing and has no band keys.
 *
 * <p>Every constant (hash seeds, band layout) is fixed: signatures and band keys are stored and compared
 * across restarts and JVMs, so changing one invalidates stored state.
 */
public final class StoryFingerprint {

    public static final int HASHES = 128;
    /** LSH layout: 32 bands of 4 rows. P(collide) = 1-(1-J^4)^32: 0.87 at J=0.5, 0.99 at J=0.6, 0.05 at J=0.2. */
    public static final int BANDS = 32;
    public static final int ROWS = HASHES / BANDS;
    static final int K = 5;
    static final int SHORT_K = 3;
    static final int MIN_SHINGLES = 8;

    private static final long[] SEEDS = Hash64.seeds(0x6D65646961776174L, HASHES); // "mediawat"
    private static final long EMPTY = Long.MAX_VALUE;

    private final long[] signature;

    private StoryFingerprint(long[] signature) {
        this.signature = signature;
    }

    public static StoryFingerprint of(String title, String text) {
        long[] words = wordHashes((title == null ? "" : title) + "\n" + (text == null ? "" : text));
        return new StoryFingerprint(minHash(shingleHashes(words)));
    }

    /** Restores a fingerprint from {@link #signature()}. */
    public static StoryFingerprint fromSignature(long[] signature) {
        if (signature == null || signature.length != HASHES) {
            throw new IllegalArgumentException("signature must have " + HASHES + " values");
        }
        return new StoryFingerprint(signature.clone());
    }

    public long[] signature() {
        return signature.clone();
    }

    public boolean isEmpty() {
        return signature[0] == EMPTY && Arrays.stream(signature).allMatch(v -> v == EMPTY);
    }

    /** Estimated Jaccard similarity of the two shingle sets: the share of equal signature values. */
    public double similarity(StoryFingerprint other) {
        if (isEmpty() || other.isEmpty()) return 0;
        int same = 0;
        for (int i = 0; i < HASHES; i++) if (signature[i] == other.signature[i]) same++;
        return (double) same / HASHES;
    }

    /**
     * One key per band, {@code "07:3f9a..."}: two fingerprints sharing a key are candidates for comparison.
     * The band number is part of the key so equal rows in different bands do not collide.
     */
    public List<String> bandKeys() {
        long[] hashes = bandHashes();
        List<String> keys = new ArrayList<>(hashes.length);
        for (int b = 0; b < hashes.length; b++) keys.add(bandKey(b, hashes[b]));
        return keys;
    }

    /**
     * The bands as 64-bit hashes, band by band (none for an empty fingerprint): what {@link #bandKeys()}
     * shows after the band number. The band number is hashed in, so equal rows in two bands differ.
     */
    public long[] bandHashes() {
        if (isEmpty()) return new long[0];
        long[] out = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long h = b;
            for (int r = 0; r < ROWS; r++) h = Hash64.combine(h, signature[b * ROWS + r]);
            out[b] = h;
        }
        return out;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code String.format("%02d:%016x", band, h)} without the formatter: this is per band of every article. */
    static String bandKey(int band, long h) {
        char[] out = new char[19];
        out[0] = (char) ('0' + band / 10);
        out[1] = (char) ('0' + band % 10);
        out[2] = ':';
        for (int i = 18; i >= 3; i--, h >>>= 4) out[i] = HEX[(int) (h & 0xF)];
        return new String(out);
    }

    static List<String> words(String raw) {
        String folded = TextNormalizer.fold(raw);
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean letter = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0) {
                out.add(folded.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    /**
     * {@link Hash64#of} of each word of {@link #words}, in one pass over the folded text and without a
     * string per word: the same values, as the story task computes this for every article.
     */
    static long[] wordHashes(String raw) {
        String folded = TextNormalizer.fold(raw);
        long[] out = new long[Math.max(16, folded.length() / 6)];
        int n = 0;
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean letter = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0) {
                if (n == out.length) out = Arrays.copyOf(out, n * 2);
                out[n++] = Hash64.of(folded, start, i);
                start = -1;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static final long START_MARK = Hash64.of("\u0002"); // never a word: words are letters and digits
    private static final long END_MARK = Hash64.of("\u0003");

    /** Hashes of the distinct k-word shingles; short texts get smaller shingles and start/end markers. */
    static long[] shingles(List<String> words) {
        return Arrays.stream(shingleHashes(words.stream().mapToLong(Hash64::of).toArray())).distinct().toArray();
    }

    /**
     * Hashes of the k-word shingles of the words with these hashes, repeats included: a repeat does not
     * change a minimum, so MinHash needs no set of them.
     */
    static long[] shingleHashes(long[] words) {
        if (words.length == 0) return new long[0];
        if (words.length - K + 1 >= MIN_SHINGLES) return shingleHashes(words, K);
        long[] marked = new long[words.length + 2];
        marked[0] = START_MARK;
        System.arraycopy(words, 0, marked, 1, words.length);
        marked[marked.length - 1] = END_MARK;
        return shingleHashes(marked, Math.min(SHORT_K, marked.length));
    }

    private static long[] shingleHashes(long[] wordHashes, int k) {
        long[] out = new long[wordHashes.length - k + 1];
        for (int i = 0; i < out.length; i++) {
            long h = k; // k is mixed in so a short shingle never equals a long one by construction
            for (int j = 0; j < k; j++) h = Hash64.combine(h, wordHashes[i + j]);
            out[i] = h;
        }
        return out;
    }

    /**
     * One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): each shingle is hashed
     * once, its top 7 bits pick one of the {@value #HASHES} bins and the bin keeps the smallest hash; a bin
     * no shingle fell into borrows the value of the first non-empty bin along a probe sequence fixed by
     * its index, the same for every document, so two documents agree on a bin with probability equal to
     * their Jaccard similarity, as with {@value #HASHES} independent hash functions. One hash per shingle
     * instead of {@value #HASHES}: this was the story task's largest cost.
     */
    static long[] minHash(long[] shingles) {
        long[] bins = new long[HASHES];
        Arrays.fill(bins, EMPTY);
        for (long s : shingles) {
            long h = Hash64.fmix64(s ^ SEEDS[0]) >>> 1; // 63 bits: EMPTY (Long.MAX_VALUE) for one value in 2^63
            int bin = (int) (h >>> 56); // top 7 of the 63 bits
            if (h < bins[bin]) bins[bin] = h;
        }
        long[] sig = bins.clone();
        boolean any = false;
        for (long v : bins) any |= v != EMPTY;
        if (!any) return sig;
        for (int i = 0; i < HASHES; i++) {
            if (bins[i] != EMPTY) continue;
            for (int attempt = 1; ; attempt++) {
                int donor = (int) (Hash64.fmix64(SEEDS[i] + attempt) >>> 57);
                if (bins[donor] != EMPTY) {
                    sig[i] = bins[donor];
                    break;
                }
            }
        }
        return sig;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoryFingerprint f && Arrays.equals(signature, f.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return isEmpty() ? "StoryFingerprint[empty]" : String.format(Locale.ROOT, "StoryFingerprint[%016x...]", signature[0]);
    }
}
