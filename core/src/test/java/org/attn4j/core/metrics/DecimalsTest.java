package org.attn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void roundsTheExactBinaryValueHalfToEvenLikePython() {
        assertThat(Decimals.format(0.125, 2)).isEqualTo("0.12");   // exact tie: to even
        assertThat(Decimals.format(0.375, 2)).isEqualTo("0.38");
        assertThat(Decimals.format(2.675, 2)).isEqualTo("2.67");   // binary value is below .675
        assertThat(Decimals.format(48.530827009929865, 6)).isEqualTo("48.530827");
        assertThat(Decimals.format(100, 6)).isEqualTo("100.000000");
        assertThat(Decimals.format(-0.001, 2)).isEqualTo("-0.00");
        assertThat(Decimals.format(Double.NaN, 2)).isEqualTo("nan");
    }
}
