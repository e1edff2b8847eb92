package io.cercle.platform.page;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A list served page by page by keyset (Spring Data's {@link KeysetScrollPosition} and {@link Window}): its name and
 * its order. One constant per list endpoint, e.g.
 * {@code static final KeysetList DELIVERIES = KeysetList.named("deliveries", Sort.by(desc("createdAt")))}.
 *
 * <p>The cursor it issues carries the list's name, the tenant and the position; one from another list, from another
 * tenant, or that does not decode is refused: 400 naming {@code cursor}.
 *
 * @param name  what cursors of this list say they belong to; unique within the service
 * @param order the list's order, by the document's property names, without the id: Spring Data's keyset scrolling
 *              breaks ties by the id, ascending, so that a position is exact ({@link Sort#unsorted()}: by id alone).
 *              Its properties hold plain values (strings, numbers, instants, ObjectIds). A position's keys are these
 *              properties and the id, whose property is named {@code id}
 */
public record KeysetList(String name, Sort order) {

    /** The id property of the documents listed, which Spring Data adds to every position. */
    private static final String ID = "id";

    public KeysetList {
        Objects.requireNonNull(name);
        if (order.stream().anyMatch(o -> o.getProperty().equals(ID) || o.getProperty().equals("_id"))) {
            // Spring Data's keyset scrolling appends the id ascending itself and overrides an id order given here.
            throw new IllegalArgumentException("the order of a keyset list leaves the id out: ties go by id, ascending");
        }
    }

    public static KeysetList named(String name, Sort order) {
        return new KeysetList(name, order);
    }

    /**
     * One page of the documents {@code query} selects, in this list's order, after {@code cursor}.
     *
     * @param query  the list's criteria, tenant included; its sort, limit and skip are set here
     * @param tenant the tenant the caller's token names (null for a platform-wide list)
     * @param cursor the {@code ?cursor=} parameter: null or blank for the first page
     */
    public <T> Page<T> page(MongoOperations mongo, Query query, Class<T> type, String tenant, String cursor,
                            int size) {
        Window<T> window = mongo.scroll(query.with(order).limit(size).with(position(tenant, cursor)), type);
        return page(window, tenant);
    }

    /**
     * Where the page after {@code cursor} starts: {@link ScrollPosition#keyset()} for the first page, else the
     * position the cursor holds, with one key per property of the order and the id. For lists that build their {@link Window}
     * themselves (items that are not one document each).
     */
    public KeysetScrollPosition position(String tenant, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return ScrollPosition.keyset();
        }
        PageCursor decoded = PageCursor.decode(cursor.strip());
        if (!decoded.list().equals(name)) {
            throw PageCursor.invalid("belongs to another list");
        }
        if (!Objects.equals(decoded.tenant(), tenant)) {
            throw PageCursor.invalid("was issued in another tenant");
        }
        if (!decoded.keys().keySet().equals(properties())) {
            // Forged, or issued before the list's order changed: either way not a position in this list.
            throw PageCursor.invalid("is not a cursor this service issued");
        }
        return ScrollPosition.forward(decoded.keys());
    }

    /** The page a window makes: its items, and a cursor of this list and tenant if more follow. */
    public <T> Page<T> page(Window<T> window, String tenant) {
        if (!window.hasNext() || window.isEmpty()) {
            return new Page<>(window.getContent(), null);
        }
        if (!(window.positionAt(window.size() - 1) instanceof KeysetScrollPosition last)
                || !last.getKeys().keySet().equals(properties())) {
            throw new IllegalStateException("list " + name + " is not scrolled by keyset on " + properties());
        }
        return new Page<>(window.getContent(), new PageCursor(name, tenant, last.getKeys()).encode());
    }

    /** A position of this list after an item whose sort keys are {@code keys}, for windows built by hand. */
    public KeysetScrollPosition after(Map<String, ?> keys) {
        if (!keys.keySet().equals(properties())) {
            throw new IllegalArgumentException("a position of " + name + " has the keys " + properties());
        }
        return ScrollPosition.forward(Map.copyOf(keys));
    }

    private Set<String> properties() {
        Set<String> keys = order.stream().map(Sort.Order::getProperty).collect(Collectors.toCollection(HashSet::new));
        keys.add(ID);
        return keys;
    }
}
