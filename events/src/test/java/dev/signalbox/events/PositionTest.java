package dev.signalbox.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void encodesAndParsesBack() {
        Position position = new Position(2, 41);
        assertThat(Position.parse(position.encode())).isEqualTo(position);
        assertThat(Position.parse(new Position(0, -1).encode())).isEqualTo(new Position(0, -1));
    }

    @Test
    void refusesWhatIsNotAPosition() {
        for (String bad : new String[] {"", "7", "a-1", "1-b", "-1-5", "1-", "1--5", "9".repeat(50)}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Position.parse(bad));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Position.parse(null));
    }
}
