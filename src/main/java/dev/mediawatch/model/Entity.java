package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A watched entity: the value on {@code mediawatch.entities}, keyed by {@link #id()}.
 *
 * @param id                   stable id, lower-case kebab, e.g. {@code abrego-garcia}
 * @param name                 the display name; it is matched as an alias too
 * @param type                 person, place, facility, law, organization, ...
 * @param aliases              other names, matched case- and accent-insensitively on whole words
 * @param caseSensitiveAliases names matched only with this exact case (acronyms), accents still folded
 * @param context              where non-empty, a match counts only if one of these terms occurs in the article
 * @param exclusions           phrases whose occurrence covers a match and cancels it ("Johnny Cecotto")
 * @param wikidataId           optional Wikidata item, e.g. {@code Q1180034}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Entity(
        String id,
        String name,
        String type,
        List<String> aliases,
        List<String> caseSensitiveAliases,
        List<String> context,
        List<String> exclusions,
        String wikidataId) {

    public Entity {
        Objects.requireNonNull(id, "id");
        if (name == null || name.isBlank()) name = id;
        if (type == null || type.isBlank()) type = "other";
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        caseSensitiveAliases = caseSensitiveAliases == null ? List.of() : List.copyOf(caseSensitiveAliases);
        context = context == null ? List.of() : List.copyOf(context);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    }

    public static Entity of(String id, String name, String type, String... aliases) {
        return new Entity(id, name, type, List.of(aliases), List.of(), List.of(), List.of(), null);
    }
}
