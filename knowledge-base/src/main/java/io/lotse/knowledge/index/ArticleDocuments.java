package io.lotse.knowledge.index;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.analysis.AnalyzedText;
import io.lotse.knowledge.analysis.TypoCorrection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene documents of an article and the queries that find them.
 *
 * <p>An article is one text document for BM25 plus one small vector document per title and example
 * question, because a document holds at most one vector per field. All of them carry the article's
 * id as an indexed term, so that {@code updateDocuments} and {@code deleteDocuments} by that term
 * replace or remove the article with its vectors at once, and as doc values, which turn a hit into
 * an article id without reading stored fields.
 */
final class ArticleDocuments {

    static final String ID = "id";
    static final String LOCALE = "locale";
    /** Each language has a vector field of its own ({@code vector.de}): a search needs no language filter. */
    static final String VECTOR = "vector";
    /** On a vector document: which phrase (0: the title, 1…: the example questions) it holds. */
    static final String PHRASE = "phrase";

    private static final FieldType WRITTEN = written();

    /** A compound's parts find related articles, but an article with the whole word should win. */
    private static final float PART_BOOST = 0.5f;
    /** A term found in title and questions scores a little more than in one field, not twice. */
    private static final float TIE_BREAKER = 0.1f;

    /**
     * The searched fields with their boosts: titles and example questions are written to be matched
     * against customer questions, the body explains and so matches many words by the way.
     */
    enum TextFieldKind {
        TITLE("title", 2.0f),
        QUESTIONS("questions", 2.0f),
        TAGS("tags", 1.5f),
        CATEGORY("category", 1.0f),
        BODY("body", 1.0f);

        private final String prefix;
        private final float boost;

        TextFieldKind(String prefix, float boost) {
            this.prefix = prefix;
            this.boost = boost;
        }

        String in(String locale) {
            return prefix + "." + locale;
        }
    }

    /** The searched fields of one language ({@code title.de}, …), as the typo correction checks a word against them. */
    static List<String> searchedFields(String locale) {
        List<String> fields = new ArrayList<>(TextFieldKind.values().length);
        for (TextFieldKind field : TextFieldKind.values()) {
            fields.add(field.in(locale));
        }
        return fields;
    }

    /** An article's id and, for a vector document, its phrase; the phrase is -1 for the text document. */
    record Match(String id, int phrase) {}

    private ArticleDocuments() {}

    /** The text document first, then a vector document per phrase (none without vectors). */
    static List<Document> of(Article article, List<float[]> vectors) {
        List<Document> documents = new ArrayList<>(vectors.size() + 1);
        documents.add(text(article));
        for (int phrase = 0; phrase < vectors.size(); phrase++) {
            Document document = new Document();
            addIdAndLocale(document, article, Store.NO);
            document.add(new NumericDocValuesField(PHRASE, phrase));
            // Unit vectors: the dot product is the cosine and the cheapest similarity to compute.
            document.add(new KnnFloatVectorField(vectorField(article.locale()), vectors.get(phrase), VectorSimilarityFunction.DOT_PRODUCT));
            documents.add(document);
        }
        return documents;
    }

    private static Document text(Article article) {
        String locale = article.locale();
        Document document = new Document();
        addIdAndLocale(document, article, Store.YES);
        document.add(new TextField(TextFieldKind.TITLE.in(locale), article.title(), Store.NO));
        for (String question : article.questions()) {
            document.add(new TextField(TextFieldKind.QUESTIONS.in(locale), question, Store.NO));
        }
        for (String tag : article.tags()) {
            document.add(new TextField(TextFieldKind.TAGS.in(locale), tag, Store.NO));
        }
        if (article.category() != null) {
            document.add(new TextField(TextFieldKind.CATEGORY.in(locale), article.category(), Store.NO));
        }
        document.add(new TextField(TextFieldKind.BODY.in(locale), article.body(), Store.NO));
        addWritten(document, article);
        return document;
    }

    /**
     * Every text of the article once more, as written (see {@link TypoCorrection}): only which
     * words occur where, for correcting typos in questions; never searched, so no norms or positions.
     */
    private static void addWritten(Document document, Article article) {
        String field = TypoCorrection.field(article.locale());
        document.add(new Field(field, article.title(), WRITTEN));
        for (String question : article.questions()) {
            document.add(new Field(field, question, WRITTEN));
        }
        for (String tag : article.tags()) {
            document.add(new Field(field, tag, WRITTEN));
        }
        if (article.category() != null) {
            document.add(new Field(field, article.category(), WRITTEN));
        }
        document.add(new Field(field, article.body(), WRITTEN));
    }

    private static void addIdAndLocale(Document document, Article article, Store store) {
        document.add(new StringField(ID, article.id(), store));
        document.add(new SortedDocValuesField(ID, new BytesRef(article.id())));
        document.add(new StringField(LOCALE, article.locale(), Store.NO));
    }

    private static FieldType written() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /** Built from analyzed terms, never parsed: customer text must not be read as query syntax. */
    static Query lexical(AnalyzedText query, String locale) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        builder.add(new TermQuery(new Term(LOCALE, locale)), Occur.FILTER);
        for (String term : query.terms()) {
            List<Query> perField = new ArrayList<>();
            for (TextFieldKind field : TextFieldKind.values()) {
                perField.add(new BoostQuery(new TermQuery(new Term(field.in(locale), term)), field.boost));
            }
            Query anyField = new DisjunctionMaxQuery(perField, TIE_BREAKER);
            if (query.isCorrected(term)) {
                anyField = new BoostQuery(anyField, TypoCorrection.WEIGHT);
            }
            builder.add(query.isOnlyPart(term) ? new BoostQuery(anyField, PART_BOOST) : anyField, Occur.SHOULD);
        }
        // With a FILTER clause, SHOULD clauses turn optional; without this every article would match.
        builder.setMinimumNumberShouldMatch(1);
        return builder.build();
    }

    /**
     * The nearest title and question vectors of one language (HNSW, approximate). One graph per
     * language instead of a language filter on a shared graph: the filtered search over 15,000
     * vectors took about 40 % longer, and a small language would share a graph with a large one.
     */
    static Query nearest(float[] vector, String locale, int k) {
        return new KnnFloatVectorQuery(vectorField(locale), vector, k);
    }

    private static String vectorField(String locale) {
        return VECTOR + "." + locale;
    }

    /** A DOT_PRODUCT hit's score, {@code (1 + cosine) / 2}, back as the cosine. */
    static double cosine(float score) {
        return 2.0 * score - 1.0;
    }

    /** The article id (and phrase) of each hit, in the order of the hits; read from doc values. */
    static Match[] matches(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        Integer[] byDoc = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            byDoc[i] = i;
        }
        // Doc values are read forwards only: visit the hits in document order, segment by segment.
        Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Match[] matches = new Match[hits.length];
        LeafReaderContext leaf = null;
        SortedDocValues ids = null;
        NumericDocValues phrases = null;
        for (int i : byDoc) {
            int doc = hits[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                ids = leaf.reader().getSortedDocValues(ID);
                phrases = leaf.reader().getNumericDocValues(PHRASE);
            }
            int local = doc - leaf.docBase;
            if (ids == null || !ids.advanceExact(local)) {
                continue;
            }
            String id = ids.lookupOrd(ids.ordValue()).utf8ToString();
            int phrase = phrases != null && phrases.advanceExact(local) ? (int) phrases.longValue() : -1;
            matches[i] = new Match(id, phrase);
        }
        return matches;
    }
}
