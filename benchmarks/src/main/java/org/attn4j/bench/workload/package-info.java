/** Runners for the workloads of shared/bench/WORKLOADS.md, printing the peer scripts' final-line format. */
package org.attn4j.bench.workload;
