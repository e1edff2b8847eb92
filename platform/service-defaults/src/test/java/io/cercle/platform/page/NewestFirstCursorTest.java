package io.cercle.platform.page;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NewestFirstCursorTest {

    @Test
    void aCursorReadsBackAsItWasWritten() {
        var cursor = new NewestFirstCursor(Instant.parse("2026-11-22T09:30:00.123Z"), "acme:member-1:welcome");

        assertThat(NewestFirstCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("acme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cursor!", "bm90aGluZw", "fDEyMw", "YWJjfGlk"})
    void aStringThatIsNotACursorIsRejected(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> NewestFirstCursor.decode(value));
    }
}
