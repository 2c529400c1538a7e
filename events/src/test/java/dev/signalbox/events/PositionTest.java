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

    @Test
    void aWildcardsPositionIsOnePerPartitionInPartitionOrder() {
        java.util.List<Position> positions = Position.parseAll("2-99,0-41,1-17");
        assertThat(positions).containsExactly(new Position(2, 99), new Position(0, 41), new Position(1, 17));
        assertThat(Position.encodeAll(positions)).isEqualTo("0-41,1-17,2-99");
        assertThat(Position.parseAll("3-7")).containsExactly(new Position(3, 7));
        for (String bad : new String[] {"", "0-1,", ",0-1", "0-1,0-2", "0-1;1-2"}) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Position.parseAll(bad));
        }
    }
}
