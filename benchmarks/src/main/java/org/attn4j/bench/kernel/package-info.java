/** JMH benchmark of the GEMM paths (workload W4); see docs/benchmarks/gemm.md. */
package org.attn4j.bench.kernel;
