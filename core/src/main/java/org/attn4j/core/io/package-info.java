/**
 * Files: safetensors reading and writing, and checkpoints (weights, optimizer state, training
 * state), all written atomically and validated on reading. See {@code docs/checkpoints.md}.
 */
package org.attn4j.core.io;
