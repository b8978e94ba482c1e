package dev.mediawatch.model;

import java.util.Objects;

/**
 * One entity found in one article: how often, where, and the sentence around its first mention.
 *
 * @param id      the entity id
 * @param name    the entity's display name
 * @param count   how many times any alias occurs in title and text
 * @param inTitle whether an alias occurs in the title
 * @param inLead  whether an alias occurs in the lead (the first paragraph or 300 characters of text)
 * @param snippet the sentence around the first mention in the body, or the title when only there
 * @param mention the first mention as written in the body (optional; deliveries set it in bold)
 */
public record EntityMention(String id, String name, int count, boolean inTitle, boolean inLead, String snippet,
                            String mention) {
    public EntityMention {
        Objects.requireNonNull(id, "id");
        if (name == null) name = id;
        if (snippet == null) snippet = "";
        if (mention != null && mention.isBlank()) mention = null;
    }

    public EntityMention(String id, String name, int count, boolean inTitle, boolean inLead, String snippet) {
        this(id, name, count, inTitle, inLead, snippet, null);
    }
}
