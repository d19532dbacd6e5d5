package org.attn4j.rnn;

import java.util.Locale;
import org.attn4j.api.ConfigurationException;

/** The recurrent cell kinds, with their number of gates in ONNX's layout. */
public enum Cell {
    /** GRU, gates z, r, h (linear_before_reset = 1). */
    GRU(3),
    /** LSTM, gates i, o, f, c, no peepholes. */
    LSTM(4);

    final int gates;

    Cell(int gates) {
        this.gates = gates;
    }

    /** {@code gru} or {@code lstm}; the message names the key and the valid values otherwise. */
    static Cell parse(String where, String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("'" + where + "' is '" + value + "'; valid values: [gru, lstm]");
        }
    }
}
