package dev.mediawatch.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Instants in JSON as {@link Instant#toString()} writes them ({@code 2026-11-30T01:12:00.123Z}), without
 * going through {@link java.time.format.DateTimeFormatter}: every record the stream writes or reads has
 * one to three of them, and the formatter's printing and parsing were 4% of the stream thread
 * (async-profiler, 2026-11-30). The text is the same as before, character for character; any instant
 * outside the years 1970-9999, and any text not in exactly that form (an offset, a number), goes the
 * standard way ({@link InstantDeserializer#INSTANT}).
 */
final class IsoInstants {
    /** 9999-12-31T23:59:59Z. */
    private static final long LAST_SECOND = 253_402_300_799L;

    private IsoInstants() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("mediawatch-iso-instants");
        m.addSerializer(Instant.class, new Writer());
        m.addDeserializer(Instant.class, new Reader());
        return m;
    }

    /** The text of {@code t} as {@link Instant#toString()} gives it. */
    static String format(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < 0 || seconds > LAST_SECOND) return t.toString();
        char[] out = new char[30];
        return new String(out, 0, write(seconds, t.getNano(), out));
    }

    /** Writes the instant into {@code out} (30 chars at least); returns the length. Years 1970-9999 only. */
    private static int write(long seconds, int nanos, char[] out) {
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // days since 1970-01-01 to a civil date (H. Hinnant's algorithm, era of 400 years)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int n = 19;
        if (nanos > 0) {
            out[n++] = '.';
            // as many digits as needed, in groups of three (what ISO_INSTANT prints)
            if (nanos % 1_000_000 == 0) {
                digits(out, n, nanos / 1_000_000, 3);
                n += 3;
            } else if (nanos % 1_000 == 0) {
                digits(out, n, nanos / 1_000, 6);
                n += 6;
            } else {
                digits(out, n, nanos, 9);
                n += 9;
            }
        }
        out[n++] = 'Z';
        return n;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The instant in {@code s} if it is in exactly the form {@link #format} writes (fractions of 1-9
     * digits accepted), else null.
     */
    static Instant parse(String s) {
        int len = s.length();
        if (len < 20 || len > 30 || s.charAt(len - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) return null; // a char that is not a digit
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23
                || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (len > 20) {
            int digits = len - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) return null;
            nanos = number(s, 20, digits);
            if (nanos < 0) return null;
            for (int i = digits; i < 9; i++) nanos *= 10;
        }
        long days = daysSinceEpoch(year, month, day);
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code s} at {@code from}, {@code n} digits; -1 if any is not a digit. */
    private static int number(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Civil date to days since 1970-01-01 (H. Hinnant's algorithm). */
    private static long daysSinceEpoch(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static final class Writer extends StdScalarSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            long seconds = value.getEpochSecond();
            if (seconds < 0 || seconds > LAST_SECOND) {
                gen.writeString(value.toString());
                return;
            }
            char[] out = new char[30];
            gen.writeString(out, 0, write(seconds, value.getNano(), out));
        }
    }

    static final class Reader extends StdScalarDeserializer<Instant> {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                Instant t = parse(p.getText());
                if (t != null) return t;
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
