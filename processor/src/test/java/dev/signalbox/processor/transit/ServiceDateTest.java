package dev.signalbox.processor.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Schedule reads GTFS dates by hand on its fast path; it must agree with the JDK's BASIC_ISO_DATE on every input. */
class ServiceDateTest {

    @ParameterizedTest
    @ValueSource(strings = {"20261124", "20240229", "19991231", "00010101", "20261124+0100", "20261124Z"})
    void readsWhatTheJdksFormatterReads(String text) {
        assertThat(Schedule.serviceDate(text)).isEqualTo(LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20260230", "20251301", "20260100", "2026112a", "2026-11-24", "", "202611240"})
    void refusesWhatTheJdksFormatterRefuses(String text) {
        assertThatThrownBy(() -> LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Schedule.serviceDate(text)).isInstanceOf(DateTimeException.class);
    }
}
