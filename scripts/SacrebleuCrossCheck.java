import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.core.metrics.Bleu;
import org.attn4j.core.metrics.BleuTokenizer;
import org.attn4j.core.metrics.ChrF;
import org.attn4j.core.metrics.Smoothing;

/**
 * Helper of scripts/sacrebleu_crosscheck.py: reads its cases (one JSON object a line: metric
 * settings, hypotheses, reference streams) and prints attn4j's score for each, one a line, as
 * Java's shortest round-trip decimal. Run with the fat jar on the class path:
 * {@code java -cp cli/target/attn4j.jar scripts/SacrebleuCrossCheck.java cases.jsonl}.
 */
public class SacrebleuCrossCheck {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode c = json.readTree(line);
                List<String> hyps = strings(c.get("hyps"));
                List<List<String>> refs = new ArrayList<>();
                c.get("refs").forEach(stream -> refs.add(strings(stream)));
                out.append(score(c, hyps, refs)).append('\n');
            }
        }
        System.out.print(out);
    }

    private static double score(JsonNode c, List<String> hyps, List<List<String>> refs) {
        boolean lowercase = c.get("lowercase").asBoolean();
        if (c.get("metric").asText().equals("bleu")) {
            Bleu.Builder b = Bleu.builder()
                    .optTokenizer(BleuTokenizer.fromId(c.get("tokenize").asText()))
                    .optLowercase(lowercase)
                    .optEffectiveOrder(c.get("effective_order").asBoolean());
            Smoothing s = Smoothing.fromId(c.get("smooth").asText());
            if (c.get("smooth_value").isNull()) {
                b.optSmoothing(s);
            } else {
                b.optSmoothing(s, c.get("smooth_value").asDouble());
            }
            return b.build().corpusScore(hyps, refs).score();
        }
        return ChrF.builder()
                .optCharOrder(c.get("char_order").asInt())
                .optWordOrder(c.get("word_order").asInt())
                .optBeta(c.get("beta").asInt())
                .optLowercase(lowercase)
                .optEpsSmoothing(c.get("eps_smoothing").asBoolean())
                .optWhitespace(c.get("whitespace").asBoolean())
                .build().corpusScore(hyps, refs).score();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
