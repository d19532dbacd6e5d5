/** Shape arithmetic and broadcasting loops of the eager engine; not an API. */
package org.attn4j.core.internal.array;
