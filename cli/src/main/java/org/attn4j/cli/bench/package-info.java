/**
 * Runners for the benchmark workloads of {@code shared/bench/WORKLOADS.md} that involve the
 * Transformer: {@link org.attn4j.cli.bench.W2TransformerTraining} (training tokens/s) and
 * {@link org.attn4j.cli.bench.W3GreedyDecoding} (greedy decoding tokens/s with and without the
 * key/value cache). Each has a public static method returning its figures and a {@code main}
 * printing the peer scripts' final-line format, so a bench command and a script comparing with
 * PyTorch can run both. They time on the calling thread; never run them inside unit tests.
 */
package org.attn4j.cli.bench;
