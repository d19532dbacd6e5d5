/**
 * Recurrent sequence-to-sequence models: {@link org.attn4j.rnn.RecurrentLayer} (a whole GRU/LSTM
 * layer as one op), {@link org.attn4j.rnn.RnnEncoder} and {@link org.attn4j.rnn.RnnDecoder}
 * (Bahdanau, Luong or no attention), registered as the {@code rnn} encoder and decoder providers.
 * Depends on {@code attn4j-api} alone.
 */
package org.attn4j.rnn;
