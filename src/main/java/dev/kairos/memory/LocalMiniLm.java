package dev.kairos.memory;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** all-MiniLM-L6-v2 (quantized) in process, loaded lazily on the first embed. */
final class LocalMiniLm implements Embedder {
    private static final int BATCH = 64;
    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final Path cacheDir;
    private volatile Model model;

    LocalMiniLm(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    @Override
    public String id() {
        return "all-minilm-l6-v2-q";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        Model m = model();
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                    .map(t -> TextSegment.from(t.isBlank() ? "." : t))
                    .toList();
            for (Embedding e : m.embedAll(batch).content()) out.add(Vectors.normalized(e.vector()));
        }
        return out;
    }

    private Model model() {
        Model m = model;
        if (m != null) return m;
        synchronized (this) {
            if (model == null) {
                pointCachesAt(cacheDir);
                model = new Model();
            }
            return model;
        }
    }

    /**
     * The packaged model, run on the calling thread with one ONNX thread that does not spin: the daemon shares two
     * cores with everything else, and a spinning pool makes a 3 ms query embedding take 30 ms now and then.
     */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model() {
            super(Runnable::run);
            try (InputStream onnx = resource(MODEL); InputStream tokenizer = resource(TOKENIZER);
                    OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.addConfigEntry("session.inter_op.allow_spinning", "0");
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession session = env.createSession(onnx.readAllBytes(), options);
                encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedding model from its jar: " + e.getMessage(), e);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot load the embedding model: " + e.getMessage(), e);
            }
        }

        private static InputStream resource(String name) throws IOException {
            // A class literal does not run the model class's static initialiser, which would load a second copy.
            InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
            if (in == null) throw new IOException(name + " is not on the class path");
            return in;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }

    /** DJL and JNA read these once, when first loaded; a value someone already set wins. */
    private static void pointCachesAt(Path dir) {
        String base = dir.toAbsolutePath().toString();
        System.getProperties().putIfAbsent("DJL_CACHE_DIR", base + "/djl");
        System.getProperties().putIfAbsent("ENGINE_CACHE_DIR", base + "/djl");
        System.getProperties().putIfAbsent("jna.tmpdir", base + "/jna");
        if (LoggerFactory.getLogger("ai.djl") instanceof ch.qos.logback.classic.Logger djl) {
            djl.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }
}
