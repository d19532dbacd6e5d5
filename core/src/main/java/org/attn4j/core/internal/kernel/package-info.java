/**
 * GEMM behind one interface with three paths (Vector API, native BLAS, plain Java), chosen by
 * {@link org.attn4j.core.internal.kernel.Kernels}; not an API. See docs/benchmarks/gemm.md.
 */
package org.attn4j.core.internal.kernel;
