package io.cercle.platform.page;

import io.cercle.platform.TestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.domain.Sort.Order.desc;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Keyset scrolling as Spring Data generates it ({@code $or} of the sort keys, limit + 1), run on the MongoDB-protocol
 * server the tests use (the embedded one here), page after page through the cursor a client would pass back.
 */
@SpringBootTest(classes = TestService.class)
class KeysetListTest {

    static final KeysetList NEWEST_FIRST = KeysetList.named("page-items", Sort.by(desc("createdAt")));
    static final KeysetList BY_ID = KeysetList.named("page-items-by-id", Sort.unsorted());

    @Document("page_items")
    record PageItem(@Id String id, String tenantId, Instant createdAt, String colour) {
    }

    @Autowired
    MongoTemplate mongo;

    String tenant;
    List<PageItem> items;

    @BeforeEach
    void items() {
        tenant = "t-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-11-22T09:30:00.123Z");
        // Three items share each creation time, so that the id decides between them.
        items = IntStream.range(0, 23).mapToObj(i -> new PageItem(tenant + ":" + UUID.randomUUID(), tenant,
                start.plusSeconds(i / 3), i % 2 == 0 ? "red" : "blue")).toList();
        mongo.insertAll(items);
        mongo.insert(new PageItem("other:" + UUID.randomUUID(), "other", start, "red"));
    }

    @Test
    void aNewestFirstListGivesEveryItemOnceInOrderWithTiesByIdAscending() {
        var seen = readAll(NEWEST_FIRST, where("tenantId").is(tenant), 5);

        assertThat(seen).extracting(PageItem::id).containsExactlyElementsOf(items.stream()
                .sorted(Comparator.comparing(PageItem::createdAt).reversed().thenComparing(PageItem::id))
                .map(PageItem::id).toList());
    }

    @Test
    void aFilteredListByIdGivesTheMatchingItemsOnceInOrder() {
        var seen = readAll(BY_ID, where("tenantId").is(tenant).and("colour").is("red"), 4);

        assertThat(seen).extracting(PageItem::id).containsExactlyElementsOf(items.stream()
                .filter(item -> item.colour().equals("red")).map(PageItem::id).sorted().toList());
    }

    @Test
    void aListThatFitsOnePageHasNoNext() {
        var page = BY_ID.page(mongo, Query.query(where("tenantId").is(tenant)), PageItem.class, tenant, null, 23);

        assertThat(page.items()).hasSize(23);
        assertThat(page.next()).isNull();
    }

    @Test
    void aPageOfExactlyTheRemainingItemsEndsTheList() {
        var first = BY_ID.page(mongo, Query.query(where("tenantId").is(tenant)), PageItem.class, tenant, null, 20);
        var last = BY_ID.page(mongo, Query.query(where("tenantId").is(tenant)), PageItem.class, tenant,
                first.next(), 3);

        assertThat(first.next()).isNotNull();
        assertThat(last.items()).hasSize(3);
        assertThat(last.next()).isNull();
    }

    private List<PageItem> readAll(KeysetList list, org.springframework.data.mongodb.core.query.Criteria criteria,
                                   int size) {
        var seen = new ArrayList<PageItem>();
        String cursor = null;
        int pages = 0;
        do {
            var page = list.page(mongo, Query.query(criteria), PageItem.class, tenant, cursor, size);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
            seen.addAll(page.items());
            cursor = page.next();
            assertThat(++pages).as("pages read").isLessThan(50);
        } while (cursor != null);
        return seen;
    }
}
