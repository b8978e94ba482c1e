package dev.mediawatch.cli;

import dev.mediawatch.ingest.FetchResponse;
import dev.mediawatch.ingest.HttpFetcher;
import dev.mediawatch.ingest.Validators;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a command-line input that is either an http(s) URL (fetched under the policy) or a local file. */
final class InputLoader {

    /** The bytes of one input and where they came from. */
    record Loaded(byte[] body, String contentType, URI uri) {
    }

    private InputLoader() {
    }

    static Loaded load(String input, HttpFetcher fetcher) throws IOException {
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            FetchResponse response = fetcher.get(URI.create(input), Validators.none());
            return new Loaded(response.body(), response.contentType(), response.finalUri());
        }
        Path path = Path.of(input);
        return new Loaded(Files.readAllBytes(path), null, path.toAbsolutePath().toUri());
    }

    /** A one-line description of a failure, naming its kind where the fetcher gave one. */
    static String describe(Exception e) {
        if (e instanceof dev.mediawatch.ingest.FetchException f) return f.kind() + ": " + f.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file: " + e.getMessage();
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
