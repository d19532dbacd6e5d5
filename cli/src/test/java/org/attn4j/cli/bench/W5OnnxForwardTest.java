package org.attn4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attn4j.api.config.Options;
import org.attn4j.api.model.Encoder;
import org.attn4j.api.model.Seq2SeqModel;
import org.attn4j.api.spi.ModelContext;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import org.junit.jupiter.api.Test;

/**
 * The W5 runner on tiny models (a Transformer and a GRU with additive attention): both engines
 * run, their logits agree, the sample counts are the ones asked for, the lines have the peers'
 * form and the temporary export is gone afterwards. Wiring and output only; no timing is asserted.
 */
class W5OnnxForwardTest {
    private static final PluginRegistry PLUGINS = PluginDiscovery.discover(W5OnnxForwardTest.class.getClassLoader());
    private static final int SRC_V = 23;
    private static final int TGT_V = 17;

    private static Seq2SeqModel model(String kind, Map<String, Object> encoder, Map<String, Object> decoder) {
        ModelContext ctx = new ModelContext(SRC_V, TGT_V, PLUGINS.attentionFactory(), new SplittableRandom(3));
        Encoder e = PLUGINS.get(PluginKind.ENCODER, kind).create(Options.of("model.encoder", encoder), ctx);
        return Seq2SeqModel.of(e, PLUGINS.get(PluginKind.DECODER, kind).create(Options.of("model.decoder", decoder), e, ctx));
    }

    private static Seq2SeqModel transformer() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("d_model", 8);
        o.put("heads", 2);
        o.put("layers", 1);
        o.put("ffn_dim", 12);
        o.put("dropout", 0.0);
        return model("transformer", o, o);
    }

    private static Seq2SeqModel gru() {
        return model("rnn", Map.of("embedding_dim", 5, "hidden", 6),
                Map.of("embedding_dim", 4, "hidden", 6, "attention", Map.of("name", "additive")));
    }

    @Test
    void bothEnginesRunAgreeAndTheTemporaryExportIsDeleted() {
        for (Seq2SeqModel m : new Seq2SeqModel[] {transformer(), gru()}) {
            StringWriter text = new StringWriter();
            W5OnnxForward.Result r = W5OnnxForward.run(m, SRC_V, TGT_V, 3, 5, 4, 2, 1, new PrintWriter(text));
            String log = text.toString();
            assertThat(r.ort().count()).isEqualTo(2);
            assertThat(r.eager().count()).isEqualTo(2);
            assertThat(r.ort().median()).isPositive();
            assertThat(r.maxAbs()).isLessThan(1e-4);
            assertThat(log).containsPattern("W5 ort  forward b3 5/4: ms median=\\d+\\.\\d\\d min=")
                    .containsPattern("W5 java forward b3 5/4: ms median=")
                    .containsPattern("(?m)^W5 attn4j-java fwd_ms w2=\\d+\\.\\d\\d$");
            Matcher exported = Pattern.compile("# exported (\\S+) \\(").matcher(log);
            assertThat(exported.find()).as(log).isTrue();
            assertThat(Path.of(exported.group(1)).getParent()).doesNotExist();
        }
    }
}
