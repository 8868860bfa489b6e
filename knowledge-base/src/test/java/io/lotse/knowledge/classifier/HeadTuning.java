package io.lotse.knowledge.classifier;

import static io.lotse.knowledge.classifier.FloatArrays.argmax;
import static io.lotse.knowledge.classifier.FloatArrays.max;

import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.LabelledText;
import io.lotse.knowledge.embeddings.Embedder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares training settings of the head on a data set's embeddings (cached in {@code /tmp} after
 * the first run): top-1 accuracy on valid (or on every fifth train row when there is no valid), and
 * the share of in-scope questions kept when the out-of-scope rows of valid are caught at 80 %.
 *
 * <p>Not a test. Run with the test class path, for example
 * {@code java -cp … io.lotse.knowledge.classifier.HeadTuning ../../shared/datasets/clinc150 BGE_SMALL_EN_V15_Q 400:30:64:0.001:1e-3:0.01}
 * where each setting is {@code minSteps:maxEpochs:batch:learningRate:l2:tolerance}.
 */
final class HeadTuning {

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        EmbeddingSettings.Model model = EmbeddingSettings.Model.valueOf(args[1]);
        Embedder embedder = Embedder.of(EmbeddingSettings.packaged(model));
        List<LabelledText> all = LabelledText.read(folder.resolve("train.jsonl")).stream()
                .filter(r -> !r.label().equals("oos")).toList();
        boolean split = !Files.exists(folder.resolve("valid.jsonl"));
        List<LabelledText> train = split ? java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 5 != 0).mapToObj(all::get).toList() : all;
        List<LabelledText> valid = split ? java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 5 == 0).mapToObj(all::get).toList()
                : LabelledText.read(folder.resolve("valid.jsonl")).stream().filter(r -> !r.label().equals("oos")).toList();
        String tag = folder.getFileName() + "-" + model;
        List<float[]> trainX = cached(Path.of("/tmp/head-" + tag + "-train.bin"), embedder, train);
        List<float[]> validX = cached(Path.of("/tmp/head-" + tag + "-valid.bin"), embedder, valid);
        List<LabelledText> oos = split ? valid.subList(0, 50) : LabelledText.read(folder.resolve("valid.jsonl")).stream()
                .filter(r -> r.label().equals("oos")).toList();
        List<float[]> oosX = cached(Path.of("/tmp/head-" + tag + "-oos.bin"), embedder, oos);
        List<String> labels = train.stream().map(LabelledText::label).distinct().sorted().toList();
        Map<String, Integer> index = new HashMap<>();
        labels.forEach(l -> index.put(l, index.size()));
        int[] y = train.stream().mapToInt(r -> index.get(r.label())).toArray();
        for (int i = 2; i < args.length; i++) {
            String[] p = args[i].split(":");
            SoftmaxHead.Training t = new SoftmaxHead.Training(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                    Float.parseFloat(p[3]), Float.parseFloat(p[4]), Double.parseDouble(p[5]), 42);
            long start = System.nanoTime();
            SoftmaxHead head = SoftmaxHead.train(labels, trainX, y, t, 2);
            double seconds = (System.nanoTime() - start) / 1e9;
            int right = 0;
            double meanTop = 0;
            for (int k = 0; k < valid.size(); k++) {
                float[] probabilities = head.probabilities(validX.get(k));
                int best = 0;
                for (int j = 1; j < probabilities.length; j++) {
                    if (probabilities[j] > probabilities[best]) {
                        best = j;
                    }
                }
                meanTop += probabilities[best];
                if (labels.get(best).equals(valid.get(k).label())) {
                    right++;
                }
            }
            double[] oosTop = oosX.stream().mapToDouble(v -> max(head.probabilities(v))).sorted().toArray();
            double threshold = oosTop[(int) Math.ceil(0.8 * oosTop.length) - 1];
            int kept = 0;
            for (int k = 0; k < valid.size(); k++) {
                float[] probabilities = head.probabilities(validX.get(k));
                int best = argmax(probabilities);
                if (probabilities[best] > threshold && labels.get(best).equals(valid.get(k).label())) {
                    kept++;
                }
            }
            System.out.printf("%s epochs=%d s=%.2f valid=%.4f meanTopP=%.3f inScopeAtOosRecall80=%.4f%n", args[i], head.epochs(), seconds,
                    (double) right / valid.size(), meanTop / valid.size(), (double) kept / valid.size());
        }
    }

    private static List<float[]> cached(Path file, Embedder embedder, List<LabelledText> rows) throws IOException {
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                int d = in.readInt();
                List<float[]> vectors = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    float[] v = new float[d];
                    for (int k = 0; k < d; k++) {
                        v[k] = in.readFloat();
                    }
                    vectors.add(v);
                }
                return vectors;
            }
        }
        List<float[]> vectors = embedder.embedAll(rows.stream().map(LabelledText::text).toList());
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(vectors.size());
            out.writeInt(vectors.getFirst().length);
            for (float[] v : vectors) {
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }
}
