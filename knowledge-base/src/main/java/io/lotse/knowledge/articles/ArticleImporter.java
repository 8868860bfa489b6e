package io.lotse.knowledge.articles;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleFiles;
import io.lotse.knowledge.ArticleValidationException;
import io.lotse.knowledge.ArticleValidationException.Problem;
import io.lotse.knowledge.ImportReport.ImportProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a set of article files, from a folder or from the classpath, into the articles that may be
 * stored and a problem for each file that may not.
 *
 * <p>Files that share an id are all refused: which one the editor meant cannot be guessed, and
 * keeping the first found would depend on file-system order.
 */
public final class ArticleImporter {

    /** Far above the largest valid article (20,000 characters of body plus front matter). */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    /** What a set of files yields: the articles to store and the refused files. */
    public record Result(List<Article> articles, List<ImportProblem> problems) {}

    /** One file's name and either its text or why it could not be read. */
    private record Source(String name, String content, String readProblem) {}

    private ArticleImporter() {}

    /**
     * Reads every {@code *.md} file below a folder, in path order; folders and files whose name
     * starts with a dot ({@code .git}) are skipped.
     */
    public static Result fromFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("Cannot import articles from " + folder + ": it is not a folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(path -> isArticleFile(folder.relativize(path)))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the article files in " + folder, e);
        }
        List<Source> sources = new ArrayList<>();
        for (Path file : files) {
            String name = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            sources.add(read(name, file));
        }
        return parse(sources);
    }

    /**
     * Reads the files listed, one relative path a line, in {@code <base>index.txt} next to a class;
     * empty when there is no such list. A list, because a folder inside a jar cannot be listed.
     */
    public static Optional<Result> fromClasspath(Class<?> anchor, String base) {
        InputStream list = anchor.getResourceAsStream(base + "index.txt");
        if (list == null) {
            return Optional.empty();
        }
        List<Source> sources = new ArrayList<>();
        for (String line : lines(list)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
                sources.add(new Source(name, null, "is not a relative path inside the sample folder"));
                continue;
            }
            try (InputStream in = anchor.getResourceAsStream(base + name)) {
                sources.add(in == null
                        ? new Source(name, null, "is listed in index.txt but missing")
                        : decode(name, in.readNBytes(MAX_FILE_BYTES + 1)));
            } catch (IOException e) {
                sources.add(new Source(name, null, "cannot be read: " + e.getMessage()));
            }
        }
        return Optional.of(parse(sources));
    }

    private static Result parse(List<Source> sources) {
        Map<Source, Article> parsed = new LinkedHashMap<>();
        Map<Source, String> refused = new HashMap<>();
        for (Source source : sources) {
            if (source.readProblem() != null) {
                refused.put(source, source.name() + " " + source.readProblem());
                continue;
            }
            try {
                parsed.put(source, ArticleFiles.parse(source.name(), source.content()));
            } catch (ArticleValidationException e) {
                refused.put(source, describe(e));
            }
        }
        Map<String, List<String>> filesById = parsed.entrySet().stream().collect(Collectors.groupingBy(
                entry -> entry.getValue().id(), LinkedHashMap::new,
                Collectors.mapping(entry -> entry.getKey().name(), Collectors.toList())));
        List<Article> articles = new ArrayList<>();
        parsed.forEach((source, article) -> {
            List<String> sameId = filesById.get(article.id());
            if (sameId.size() > 1) {
                refused.put(source, "the id '" + article.id() + "' is used by more than one file: " + String.join(", ", sameId));
            } else {
                articles.add(article);
            }
        });
        List<ImportProblem> problems = sources.stream()
                .filter(refused::containsKey)
                .map(source -> new ImportProblem(source.name(), refused.get(source)))
                .toList();
        return new Result(articles, problems);
    }

    /** "title is required; body must be at most …" — each message reads after its field's name. */
    static String describe(ArticleValidationException e) {
        return e.problems().stream()
                .map(ArticleImporter::describe)
                .collect(Collectors.joining("; "));
    }

    private static String describe(Problem problem) {
        return problem.field().equals("file") ? problem.message() : problem.field() + " " + problem.message();
    }

    private static boolean isArticleFile(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return relative.getNameCount() > 0 && relative.toString().toLowerCase(Locale.ROOT).endsWith(".md");
    }

    private static Source read(String name, Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return new Source(name, null, "is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
            }
            return decode(name, Files.readAllBytes(file));
        } catch (IOException e) {
            return new Source(name, null, "cannot be read: " + e.getMessage());
        }
    }

    private static Source decode(String name, byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            return new Source(name, null, "is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Source(name, text, null);
        } catch (CharacterCodingException e) {
            return new Source(name, null, "is not UTF-8 text");
        }
    }

    private static List<String> lines(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sample index", e);
        }
    }
}
