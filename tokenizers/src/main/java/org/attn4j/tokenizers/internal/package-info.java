/** Machinery behind the tokenizers; no other module may import it. */
package org.attn4j.tokenizers.internal;
