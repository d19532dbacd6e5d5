/**
 * Optimizers (SGD, Adam, AdamW) with exportable state, learning-rate schedules, and gradient
 * clipping by global norm, following PyTorch's formulas.
 */
package org.attn4j.core.optim;
