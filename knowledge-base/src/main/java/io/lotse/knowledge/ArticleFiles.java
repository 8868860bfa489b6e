package io.lotse.knowledge;

import io.lotse.knowledge.ArticleValidationException.Problem;
import io.lotse.knowledge.articles.ArticleValidator;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads and writes article files: a YAML front matter between two {@code ---} lines, then the
 * Markdown body.
 *
 * <p>The front matter is only composed into YAML nodes and read as raw text, never constructed into
 * Java objects: no YAML tag can instantiate a class, and {@code title: No} or {@code title: 1.10}
 * stay the text the editor wrote instead of becoming {@code false} or {@code 1.1}. Unknown keys are
 * ignored, so files may carry fields of newer versions.
 */
public final class ArticleFiles {

    private static final String MARKER = "---";
    /** Generous for the largest valid front matter (500 questions and 20 tags of 300 characters: about 160,000). */
    private static final int MAX_FRONT_MATTER_CODE_POINTS = 256 * 1024;

    private ArticleFiles() {}

    /**
     * Reads one article file and checks the article as the editor API would.
     *
     * @param fileName the file's name, quoted in problems that concern the file as a whole
     * @param content the whole file as text
     * @return the article, tidied (see {@link KnowledgeBase#put})
     * @throws ArticleValidationException with field {@code file} when the file has no readable front
     *     matter, otherwise with every field problem found
     */
    public static Article parse(String fileName, String content) {
        String name = fileName == null || fileName.isBlank() ? "the file" : fileName;
        String text = content == null ? "" : stripByteOrderMark(content).replace("\r\n", "\n").replace('\r', '\n');
        String[] lines = text.split("\n", -1);
        int open = firstNonBlankLine(lines);
        if (open == lines.length || !isMarker(lines[open])) {
            throw fileProblem(name + " has no front matter: it must start with a line '---'");
        }
        int close = open + 1;
        while (close < lines.length && !isMarker(lines[close])) {
            close++;
        }
        if (close == lines.length) {
            throw fileProblem(name + " has no end of the front matter: a line '---' must follow it");
        }
        String yaml = String.join("\n", List.of(lines).subList(open + 1, close));
        String body = String.join("\n", List.of(lines).subList(close + 1, lines.length));
        MappingNode frontMatter = compose(name, yaml, open + 2);
        return toArticle(frontMatter, body);
    }

    /**
     * Writes each article into the folder (created if missing) as {@code <id>.md}, ready for
     * {@link KnowledgeBase#importDirectory(Path)}.
     *
     * @return the folder
     * @throws UncheckedIOException when a file cannot be written
     */
    public static Path writeAll(Path folder, Collection<Article> articles) {
        try {
            Files.createDirectories(folder);
            for (Article article : articles) {
                Files.writeString(folder.resolve(article.id() + ".md"), format(article), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the article files into " + folder, e);
        }
        return folder;
    }

    /**
     * Writes an article as a file that {@link #parse} reads back to the same article.
     *
     * <p>Empty lists and a missing category are left out; values that YAML would read as something
     * else than text are quoted.
     */
    public static String format(Article article) {
        Map<String, Object> frontMatter = new LinkedHashMap<>();
        frontMatter.put("id", article.id());
        frontMatter.put("locale", article.locale());
        frontMatter.put("title", article.title());
        if (!article.questions().isEmpty()) {
            frontMatter.put("questions", article.questions());
        }
        if (!article.tags().isEmpty()) {
            frontMatter.put("tags", article.tags());
        }
        if (article.category() != null) {
            frontMatter.put("category", article.category());
        }
        if (article.type() != null) {
            frontMatter.put("type", article.type().externalName());
        }
        String body = article.body() == null ? "" : article.body();
        return MARKER + "\n" + dumper().dump(frontMatter) + MARKER + "\n" + body + "\n";
    }

    private static MappingNode compose(String fileName, String yaml, int firstLineNumber) {
        Node root;
        try {
            root = loader().compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? firstLineNumber : firstLineNumber + e.getProblemMark().getLine();
            throw fileProblem(fileName + " has a front matter that is not valid YAML: "
                    + firstLine(e.getProblem() == null ? e.getMessage() : e.getProblem()) + " (line " + line + ")");
        } catch (YAMLException e) {
            throw fileProblem(fileName + " has a front matter that cannot be read: " + firstLine(e.getMessage()));
        }
        if (root == null) {
            throw fileProblem(fileName + " has an empty front matter");
        }
        if (!(root instanceof MappingNode mapping)) {
            throw fileProblem(fileName + " has a front matter that is not a list of 'field: value' lines");
        }
        return mapping;
    }

    private static Article toArticle(MappingNode frontMatter, String body) {
        FrontMatterReader reader = new FrontMatterReader();
        for (NodeTuple tuple : frontMatter.getValue()) {
            reader.read(tuple);
        }
        Article article = ArticleValidator.tidy(new Article(
                reader.texts.get("id"),
                reader.texts.get("locale"),
                reader.texts.get("title"),
                reader.lists.get("questions"),
                reader.lists.get("tags"),
                reader.texts.get("category"),
                reader.type,
                body));
        List<Problem> problems = new ArrayList<>(reader.problems);
        for (Problem problem : ArticleValidator.problems(article)) {
            if (!reader.badFields.contains(problem.field())) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new ArticleValidationException(problems);
        }
        return article;
    }

    /** Collects the known fields of a front matter, with a problem for each value of the wrong shape. */
    private static final class FrontMatterReader {

        private static final Set<String> TEXT_FIELDS = Set.of("id", "locale", "title", "category", "type");
        private static final Set<String> LIST_FIELDS = Set.of("questions", "tags");

        final Map<String, String> texts = new LinkedHashMap<>();
        final Map<String, List<String>> lists = new LinkedHashMap<>();
        final List<Problem> problems = new ArrayList<>();
        final Set<String> badFields = new HashSet<>();
        private final Set<String> seen = new HashSet<>();
        ArticleType type;

        void read(NodeTuple tuple) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                return;
            }
            String field = key.getValue();
            if (!TEXT_FIELDS.contains(field) && !LIST_FIELDS.contains(field)) {
                return;
            }
            if (!seen.add(field)) {
                problem(field, "appears more than once");
                return;
            }
            Node value = tuple.getValueNode();
            if (TEXT_FIELDS.contains(field)) {
                readText(field, value);
            } else {
                readList(field, value);
            }
        }

        private void readText(String field, Node value) {
            if (!(value instanceof ScalarNode scalar)) {
                problem(field, "must be a text, not a list or mapping");
                return;
            }
            String text = textOf(scalar);
            if (field.equals("type")) {
                type = ArticleType.fromExternalName(text);
                if (text != null && !text.isBlank() && type == null) {
                    problem("type", "must be faq or troubleshooting, not '" + text.strip() + "'");
                }
            } else {
                texts.put(field, text);
            }
        }

        private void readList(String field, Node value) {
            List<String> values = new ArrayList<>();
            if (value instanceof ScalarNode scalar) {
                String text = textOf(scalar);
                if (text != null) {
                    values.add(text);
                }
            } else if (value instanceof SequenceNode sequence) {
                List<Node> entries = sequence.getValue();
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i) instanceof ScalarNode scalar) {
                        String text = textOf(scalar);
                        if (text != null) {
                            values.add(text);
                        }
                    } else {
                        problem(field, "entry " + (i + 1) + " must be a text, not a list or mapping");
                    }
                }
            } else {
                problem(field, "must be a list of texts, not a mapping");
            }
            lists.put(field, values);
        }

        private void problem(String field, String message) {
            problems.add(new Problem(field, message));
            badFields.add(field);
        }

        /** The text as written; {@code null} for an empty value or {@code ~}/{@code null}. */
        private static String textOf(ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue();
        }
    }

    private static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_FRONT_MATTER_CODE_POINTS);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(10);
        options.setAllowRecursiveKeys(false);
        // Yaml instances are not thread-safe; one per file costs microseconds next to reading it.
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options);
    }

    private static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setAllowUnicode(true);
        options.setSplitLines(false);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
    }

    private static ArticleValidationException fileProblem(String message) {
        return new ArticleValidationException(List.of(new Problem("file", message)));
    }

    private static boolean isMarker(String line) {
        return line.stripTrailing().equals(MARKER);
    }

    private static int firstNonBlankLine(String[] lines) {
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        return i;
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
