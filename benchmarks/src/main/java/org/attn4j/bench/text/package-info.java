/** JMH benchmarks and corpus statistics of the tokenizers; see docs/benchmarks/tokenizers.md. */
package org.attn4j.bench.text;
