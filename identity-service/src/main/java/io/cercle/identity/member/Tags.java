package io.cercle.identity.member;

import java.util.List;
import java.util.Locale;

/** Expertise and interest tags: trimmed, lower-case, without duplicates, in the member's order. */
final class Tags {

    static final String PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{N}+#. -]{0,39}";

    private Tags() {
    }

    static List<String> normalise(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        return tags.stream().map(tag -> tag.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
