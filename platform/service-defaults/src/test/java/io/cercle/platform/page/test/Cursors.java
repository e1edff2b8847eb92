package io.cercle.platform.page.test;

import io.cercle.platform.page.KeysetList;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Cursors as a service issues them, for tests that check a list refuses another list's or another tenant's cursor
 * (the cursor's format stays private to service-defaults).
 */
public final class Cursors {

    private Cursors() {
    }

    /** A well-formed cursor of the list named {@code list}, issued in {@code tenant} (null: a platform-wide list). */
    public static String of(String list, String tenant) {
        var keysetList = KeysetList.named(list, Sort.by(Sort.Order.desc("createdAt")));
        var window = Window.from(List.of("item"),
                index -> keysetList.after(Map.of("createdAt", Instant.EPOCH, "id", "item")), true);
        return keysetList.page(window, tenant).next();
    }
}
