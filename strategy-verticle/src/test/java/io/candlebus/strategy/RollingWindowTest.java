package io.candlebus.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class RollingWindowTest {

    @Test
    void keepsTheLastValuesOldestFirstAndReturnsWhatItEvicts() {
        RollingWindow window = new RollingWindow(3);
        assertThat(window.add(1)).isNaN();
        assertThat(window.add(2)).isNaN();
        assertThat(window.isFull()).isFalse();
        assertThat(window.add(3)).isNaN();
        assertThat(window.isFull()).isTrue();
        assertThat(window.add(4)).isEqualTo(1);
        assertThat(window.add(5)).isEqualTo(2);
        assertThat(window.size()).isEqualTo(3);
        assertThat(new double[] {window.get(0), window.get(1), window.get(2)}).containsExactly(3, 4, 5);
        assertThat(window.oldest()).isEqualTo(3);
        assertThat(window.newest()).isEqualTo(5);
    }

    @Test
    void wrapsAroundManyTimes() {
        RollingWindow window = new RollingWindow(4);
        for (int i = 0; i < 1003; i++) {
            window.add(i);
        }
        assertThat(new double[] {window.get(0), window.get(1), window.get(2), window.get(3)})
                .containsExactly(999, 1000, 1001, 1002);
    }

    @Test
    void rejectsBadCapacityIndexAndEmptyReads() {
        assertThatThrownBy(() -> new RollingWindow(0)).hasMessage("capacity: expected >= 1, was 0");
        RollingWindow window = new RollingWindow(2);
        assertThatThrownBy(window::oldest).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(window::newest).isInstanceOf(NoSuchElementException.class);
        window.add(7);
        assertThatThrownBy(() -> window.get(1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index: expected 0..0, was 1");
    }
}
