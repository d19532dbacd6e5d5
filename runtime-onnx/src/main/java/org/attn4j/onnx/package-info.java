/**
 * ONNX export and the ONNX Runtime backend. {@link org.attn4j.onnx.OnnxExporter} traces a
 * trained model with the graph implementation of {@code Ops} into {@code onnx/encoder.onnx},
 * {@code onnx/decoder_step.onnx} and {@code onnx/manifest.json} ({@link org.attn4j.onnx.Manifest});
 * {@link org.attn4j.onnx.OnnxBackendProvider} (backend {@code onnx}) opens them as a thread-safe
 * {@code Translator} decoded by the same searches as the Java engine. On request the export also
 * holds {@code onnx/forward.onnx}, the teacher-forced forward ({@code src}, {@code tgt_in} to
 * {@code logits}), which {@link org.attn4j.onnx.OnnxForward} runs. Layout, settings and the op
 * mapping: {@code docs/onnx.md}.
 */
package org.attn4j.onnx;
