package org.attn4j.it;

import java.util.Map;
import org.attn4j.attention.AttentionContractTest;

/**
 * The example third-party plugin ({@code integration-tests/plugin-cosine-attention}, which
 * depends on {@code attn4j-api} alone) passes the very contract the built-in variants pass, found
 * through discovery by its name.
 */
class ThirdPartyAttentionPluginTest extends AttentionContractTest {
    @Override
    protected String providerName() {
        return "cosine";
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("temperature", 3.0);
    }
}
