/**
 * Runners for the workloads of {@code shared/bench/WORKLOADS.md} behind {@code attn4j bench}: each
 * times the workload as its PyTorch peer script does and returns the figure the peer prints on
 * its final line. {@link org.attn4j.cli.bench.Workloads} is the table of ids: W1 (RNN training
 * step), W2 (Transformer training step), W3 (greedy decoding with and without the key/value
 * cache), W4 (GEMM), W5 (the W2 forward on ONNX Runtime and on the Java engine), W6 (decoding with an OPUS-MT-sized
 * model imported from Hugging Face, perf issue 16; its peer is {@code benchmarks/peer/w6_torch.py}).
 * W1 to W5's runners also have a {@code main}. These are measurements to run by hand
 * on a quiet machine, never from a unit test.
 */
package org.attn4j.cli.bench;
