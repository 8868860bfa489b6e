package io.lotse.knowledge.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The vector documents of the live index, seen as if some phrases had never been indexed: the
 * held-out evaluation searches the live HNSW graphs instead of building new ones, which for
 * 15,000 questions would cost seconds per fold.
 *
 * <p>A hidden phrase is a deleted document to Lucene (vector search skips documents that are not
 * live, as it does after a real delete), the remaining phrases are numbered as the reduced article
 * numbers them, and the view has no postings, so that BM25 comes from a separate index of the
 * reduced articles' text documents alone. The live readers are only read, never closed.
 */
final class LiveVectorView {

    /** No phrase: a text document, or one without the id. */
    private static final int NONE = Integer.MIN_VALUE;

    /** One live segment: each document's article id and phrase, read once for every fold. */
    private record Segment(LeafReader reader, String[] ids, int[] phrases) {}

    private final List<Segment> segments;

    private LiveVectorView(List<Segment> segments) {
        this.segments = segments;
    }

    /** Reads the article id and phrase of every document of a live index. */
    static LiveVectorView of(IndexReader live) throws IOException {
        List<Segment> segments = new ArrayList<>();
        for (LeafReaderContext leaf : live.leaves()) {
            LeafReader reader = leaf.reader();
            int maxDoc = reader.maxDoc();
            String[] ids = new String[maxDoc];
            int[] phrases = new int[maxDoc];
            Arrays.fill(phrases, NONE);
            SortedDocValues idValues = reader.getSortedDocValues(ArticleDocuments.ID);
            NumericDocValues phraseValues = reader.getNumericDocValues(ArticleDocuments.PHRASE);
            if (idValues != null && phraseValues != null) {
                String[] byOrd = new String[idValues.getValueCount()];
                for (int doc = phraseValues.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = phraseValues.nextDoc()) {
                    if (idValues.advanceExact(doc)) {
                        int ord = idValues.ordValue();
                        if (byOrd[ord] == null) {
                            byOrd[ord] = idValues.lookupOrd(ord).utf8ToString();
                        }
                        ids[doc] = byOrd[ord];
                        phrases[doc] = (int) phraseValues.longValue();
                    }
                }
            }
            segments.add(new Segment(reader, ids, phrases));
        }
        return new LiveVectorView(segments);
    }

    /**
     * Readers over the live segments that show only the phrases kept in one fold.
     *
     * @param kept per article id of the language, the new number of each live phrase (by its live
     *     number), -1 for a held-out one; articles not named are hidden entirely
     */
    List<LeafReader> keeping(Map<String, int[]> kept) {
        List<LeafReader> readers = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            LeafReader reader = segment.reader();
            Bits liveDocs = reader.getLiveDocs();
            FixedBitSet visible = new FixedBitSet(reader.maxDoc());
            int[] renumbered = new int[reader.maxDoc()];
            for (int doc = 0; doc < renumbered.length; doc++) {
                renumbered[doc] = NONE;
                int phrase = segment.phrases()[doc];
                int[] numbers = phrase == NONE ? null : kept.get(segment.ids()[doc]);
                if (numbers == null || phrase >= numbers.length || numbers[phrase] < 0) {
                    continue;
                }
                if (liveDocs == null || liveDocs.get(doc)) {
                    visible.set(doc);
                    renumbered[doc] = numbers[phrase];
                }
            }
            readers.add(new Keeping(reader, visible, renumbered));
        }
        return readers;
    }

    /** One live segment with only the visible documents live, renumbered phrases and no postings. */
    private static final class Keeping extends FilterLeafReader {

        private final FixedBitSet visible;
        private final int[] phrases;
        private final int numDocs;

        Keeping(LeafReader in, FixedBitSet visible, int[] phrases) {
            super(in);
            this.visible = visible;
            this.phrases = phrases;
            this.numDocs = visible.cardinality();
        }

        @Override
        public Bits getLiveDocs() {
            return visible;
        }

        @Override
        public int numDocs() {
            return numDocs;
        }

        @Override
        public Terms terms(String field) {
            return null;
        }

        @Override
        public NumericDocValues getNumericDocValues(String field) throws IOException {
            return ArticleDocuments.PHRASE.equals(field) ? new Renumbered(phrases) : super.getNumericDocValues(field);
        }

        /** Not cached: the view differs from the segment it wraps. */
        @Override
        public CacheHelper getCoreCacheHelper() {
            return null;
        }

        @Override
        public CacheHelper getReaderCacheHelper() {
            return null;
        }

        /** The live segment belongs to the live searcher, which releases it. */
        @Override
        protected void doClose() {}
    }

    /** Phrase numbers from an array, {@link #NONE} for a document without one. */
    private static final class Renumbered extends NumericDocValues {

        private final int[] values;
        private int doc = -1;

        Renumbered(int[] values) {
            this.values = values;
        }

        @Override
        public long longValue() {
            return values[doc];
        }

        @Override
        public boolean advanceExact(int target) {
            doc = target;
            return values[target] != NONE;
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public int nextDoc() {
            return advance(doc + 1);
        }

        @Override
        public int advance(int target) {
            for (doc = target; doc < values.length; doc++) {
                if (values[doc] != NONE) {
                    return doc;
                }
            }
            doc = NO_MORE_DOCS;
            return doc;
        }

        @Override
        public long cost() {
            return values.length;
        }
    }
}
