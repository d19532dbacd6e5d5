/** Evaluation helpers run outside the suite: BLEU by source-length bucket for BENCHMARKS.md. */
package org.attn4j.bench.eval;
