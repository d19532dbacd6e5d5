package org.attn4j.attention;

import java.util.Map;

class LocalPredictiveAttentionTest extends AttentionContractTest {
    @Override
    protected String providerName() {
        return "local";
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("mode", "local-p", "window", 2, "predictor_dim", 3);
    }

    /** local-p scales the softmax by a Gaussian around the centre and does not renormalise. */
    @Override
    protected boolean weightsSumToOne() {
        return false;
    }
}
