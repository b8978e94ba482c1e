package dev.mediawatch.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Canonical form of an article URL, so that copies reached through trackers, campaigns or differently cased hosts
 * share one {@link ArticleIds article id}. Only changes that cannot alter what the server returns are made: the path
 * and the order of the remaining query parameters are kept.
 */
public final class UrlCanonicalizer {

    private static final Set<String> TRACKING_PARAMS = Set.of(
            "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
            "mc_cid", "mc_eid", "igshid", "igsh", "ref_src", "ref_url", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok",
            "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "wt.mc_id", "at_medium", "at_campaign",
            "cmpid", "ocid", "s_cid", "smid", "sr_share");

    private UrlCanonicalizer() {
    }

    /** The canonical form, or the trimmed input unchanged when it is not a parseable absolute URL. */
    public static String canonicalize(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return trimmed;
        }
        if (uri.getScheme() == null || uri.isOpaque() || uri.getRawAuthority() == null) {
            return trimmed;
        }
        return build(uri);
    }

    private static String build(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(scheme).append("://");
        if (uri.getRawUserInfo() != null) sb.append(uri.getRawUserInfo()).append('@');
        String host = uri.getHost();
        sb.append(host != null ? host.toLowerCase(Locale.ROOT) : uri.getRawAuthority().toLowerCase(Locale.ROOT));
        if (host != null && uri.getPort() != -1 && uri.getPort() != defaultPort(scheme)) {
            sb.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        // "https://host" and "https://host/" are the same resource
        sb.append(path == null || path.isEmpty() ? "/" : path);
        String query = cleanQuery(uri.getRawQuery());
        if (!query.isEmpty()) sb.append('?').append(query);
        return sb.toString();
    }

    private static String cleanQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        StringJoiner kept = new StringJoiner("&");
        for (String param : rawQuery.split("&")) {
            if (!param.isEmpty() && !isTracking(param)) kept.add(param);
        }
        return kept.toString();
    }

    static boolean isTracking(String param) {
        int eq = param.indexOf('=');
        String name = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
        return name.startsWith("utm_") || TRACKING_PARAMS.contains(name);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }
}
