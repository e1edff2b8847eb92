package io.cercle.platform.page;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, the one shape every list endpoint answers: its items and the cursor of the next page.
 * A client passes {@code next} back as {@code ?cursor=} for the following page; {@code next} is null on the last one.
 * Built by {@link KeysetList}, which also issues and checks the cursor.
 */
public record Page<T>(
        @Schema(description = "The items of this page, in the list's order")
        List<T> items,
        @Schema(description = "Opaque cursor of the next page, to pass as ?cursor=; null on the last page. "
                + "It is valid only for the list and the tenant it was issued for", nullable = true)
        String next) {

    public Page {
        items = List.copyOf(items);
    }

    /** The same page with its items turned into what the endpoint answers (view records). */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), next);
    }
}
