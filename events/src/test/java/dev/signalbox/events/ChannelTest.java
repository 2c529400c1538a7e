package dev.signalbox.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ChannelTest {

    @Test
    void acceptsDottedLowerCaseNames() {
        assertThat(new Channel("jobs.board").domain()).isEqualTo("jobs");
        assertThat(new Channel("transit.route.42").domain()).isEqualTo("transit");
    }

    @Test
    void acceptsTwoToFiveSegmentsOfLettersDigitsUnderscoresAndDashes() {
        for (String good : new String[] {"a.b", "a.b.c.d.e", "jobs.user._41da", "transit.stop.bench_3as1", "x-1_.-_9", "a.0", "transit.route.*",
                "a.b.c.d.*", "a.*"}) {
            assertThat(Channel.isValid(good)).as(good).isTrue();
        }
        assertThat(Channel.isValid("jobs." + "x".repeat(195))).as("200 characters").isTrue();
        assertThat(Channel.isValid("jobs." + "x".repeat(196))).as("201 characters").isFalse();
    }

    @Test
    void refusesNamesThatAreNotChannels() {
        for (String bad : new String[] {"jobs", "Jobs.Board", "jobs..board", ".jobs", "jobs.board.", "jobs board", "", "a.b.c.d.e.f.g", "a.b.c.d.e.f",
                "1jobs.board", "_jobs.board", "-jobs.board", "jobs.Board", "jobs.bo/ard", "jobs.böard", "jobs.board\n", "a.b.c.d.e.*"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new Channel(bad));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new Channel(null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Channel("jobs." + "x".repeat(300)));
    }

    @Test
    void aWildcardCoversEveryChannelOneLevelBelowAndNothingElse() {
        Channel routes = new Channel("transit.route.*");
        assertThat(routes.isWildcard()).isTrue();
        assertThat(routes.domain()).isEqualTo("transit");
        assertThat(routes.matches("transit.route.42")).isTrue();
        assertThat(routes.matches("transit.route.metro_3a42")).isTrue();
        assertThat(routes.matches("transit.route")).isFalse();
        assertThat(routes.matches("transit.route.")).isFalse();
        assertThat(routes.matches("transit.route.42.platform")).isFalse();
        assertThat(routes.matches("transit.routes.42")).isFalse();
        assertThat(routes.matches("transit.route.X")).as("not a channel name").isFalse();
        assertThat(new Channel("jobs.*").matches("jobs.board")).isTrue();
        assertThat(new Channel("jobs.board").matches("jobs.board")).isTrue();
        assertThat(new Channel("jobs.board").isWildcard()).isFalse();
        assertThat(Channel.wildcardAbove("transit.route.42")).isEqualTo("transit.route.*");
        assertThat(new Channel("jobs.user.*").isPrivate()).as("only an admin may watch every user's channel").isTrue();
        for (String bad : new String[] {"*", "jobs.*.board", "transit.*.*", "jobs.bo*", "*.board", "jobs.*x", "jobs.**", "jobs.*.", "jobs*"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new Channel(bad));
        }
    }

    @Test
    void userChannelsArePrivate() {
        assertThat(new Channel("jobs.user.17").isPrivate()).isTrue();
        assertThat(new Channel("notifications.user.ada").isPrivate()).isTrue();
        assertThat(new Channel("jobs.board").isPrivate()).isFalse();
        assertThat(new Channel("jobs.company.user").isPrivate()).isFalse();
    }

    @Test
    void anyIdBecomesAValidSegmentOneToOne() {
        assertThat(Channel.segment("route-42")).isEqualTo("route-42");
        assertThat(Channel.segment("Ada")).isEqualTo("_41da");
        assertThat(Channel.segment("a_b")).isEqualTo("a_5fb");
        assertThat(Channel.segment("a.b c")).isEqualTo("a_2eb_20c");
        assertThat(Channel.segment("é")).isEqualTo("_c3_a9");
        assertThat(Channel.segment("Ada")).isNotEqualTo(Channel.segment("ada"));
        for (String id : new String[] {"Ada", "_", "X:1/2", "ü", "42"}) {
            assertThat(Channel.isValid("notifications.user." + Channel.segment(id))).as(id).isTrue();
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Channel.segment(""));
    }
}
