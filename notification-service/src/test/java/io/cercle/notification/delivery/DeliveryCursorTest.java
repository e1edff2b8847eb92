package io.cercle.notification.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeliveryCursorTest {

    @Test
    void aCursorReadsBackAsItWasWritten() {
        var cursor = new DeliveryCursor(Instant.parse("2026-11-22T09:30:00.123Z"), "acme:member-1:welcome");

        assertThat(DeliveryCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("acme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cursor!", "bm90aGluZw", "fDEyMw", "YWJjfGlk"})
    void aStringThatIsNotACursorIsRejected(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> DeliveryCursor.decode(value));
    }
}
