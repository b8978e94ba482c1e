package dev.mediawatch.enrich.story;

/**
 * 64-bit hashing with fixed constants, so fingerprints computed today match those stored in a state
 * store by another JVM last month. The finaliser is MurmurHash3's fmix64; the seed sequence is SplitMix64.
 */
final class Hash64 {

    private static final long PRIME = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio, odd

    private Hash64() {}

    /** Hash of a string's UTF-16 chars; the JVM's String.hashCode is 32 bits, too few for MinHash. */
    static long of(String s) {
        return of(s, 0, s.length());
    }

    /** {@link #of(String)} of {@code s.substring(from, to)}, without making it. */
    static long of(String s, int from, int to) {
        long h = 0x2545F4914F6CDD1DL ^ (to - from);
        for (int i = from; i < to; i++) h = (h ^ s.charAt(i)) * 0x100000001B3L;
        return fmix64(h);
    }

    /** Order-dependent combination: "a b" and "b a" hash apart. */
    static long combine(long h, long value) {
        return fmix64(h * PRIME + value);
    }

    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB93FE1A85EC9L;
        k ^= k >>> 33;
        return k;
    }

    /** {@code n} seeds from SplitMix64 started at {@code start}: fixed, well spread, no Random involved. */
    static long[] seeds(long start, int n) {
        long[] out = new long[n];
        long x = start;
        for (int i = 0; i < n; i++) {
            x += PRIME;
            long z = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            out[i] = z ^ (z >>> 31);
        }
        return out;
    }
}
