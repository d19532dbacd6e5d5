/**
 * Evaluation metrics: corpus {@link org.attn4j.core.metrics.Bleu BLEU} and
 * {@link org.attn4j.core.metrics.ChrF chrF/chrF++} with sacreBLEU 2.x's exact definitions and
 * signatures, and {@link org.attn4j.core.metrics.Perplexity perplexity}.
 *
 * <pre>{@code
 * List<String> hyps = List.of("The dog bit the man.", "It wasn't surprising.");
 * List<List<String>> refs = List.of(List.of("The dog bit the man.", "It was not unexpected."));
 * BleuScore bleu = Bleu.builder().build().corpusScore(hyps, refs);
 * ChrFScore chrf = ChrF.builder().optWordOrder(2).build().corpusScore(hyps, refs);
 * }</pre>
 *
 * <p>Hypotheses and references are detokenised text, one segment per string, as sacreBLEU
 * expects; the metrics tokenize themselves. Every metric object is immutable and thread-safe.
 * docs/metrics.md gives the definitions and how they were checked against sacreBLEU.
 */
package org.attn4j.core.metrics;
