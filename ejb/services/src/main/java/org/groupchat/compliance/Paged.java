package org.groupchat.compliance;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Archive rows read a page at a time as they are iterated, each page the rows after the last
 * one's id: an export of any size holds one page in memory.
 */
final class Paged<T> implements Iterable<T> {

    static final int PAGE = 1000;

    private final LongFunction<List<T>> pageAfter;
    private final ToLongFunction<T> id;

    /** @param pageAfter the next at most {@link #PAGE} rows with an id above the one given, by id */
    Paged(LongFunction<List<T>> pageAfter, ToLongFunction<T> id) {
        this.pageAfter = pageAfter;
        this.id = id;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Iterator<T> page = List.<T>of().iterator();
            private long after;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (!page.hasNext() && !last) {
                    List<T> rows = pageAfter.apply(after);
                    last = rows.size() < PAGE;
                    if (!rows.isEmpty()) {
                        after = id.applyAsLong(rows.get(rows.size() - 1));
                    }
                    page = rows.iterator();
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }
}
