package dev.docserve.index;

import dev.docserve.index.loading.CandidateFile;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prepares files on a background thread, a bounded number ahead of the consumer, so reading and
 * chunking (tokenizer work) overlap with the embedding model instead of adding to its time.
 * Files come out in walk order. A failure while preparing is rethrown by {@link #next()}.
 */
final class ReadAhead implements AutoCloseable {

    private static final Object END = new Object();

    private record Failure(RuntimeException error) {
    }

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean stopped;

    ReadAhead(List<CandidateFile> files, FilePreparer preparer, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> produce(files.iterator(), preparer), "doc-serve-read-ahead");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void produce(Iterator<CandidateFile> files, FilePreparer preparer) {
        try {
            try {
                while (!stopped && files.hasNext()) {
                    queue.put(preparer.prepare(files.next()));
                }
            } catch (RuntimeException e) {
                queue.put(new Failure(e));
            } finally {
                queue.put(END);
            }
        } catch (InterruptedException e) {
            // closed by the consumer: nobody reads any more
        }
    }

    /** The next prepared file, or null after the last. */
    PreparedFile next() {
        try {
            Object item = queue.take();
            if (item == END) {
                return null;
            }
            if (item instanceof Failure failure) {
                throw failure.error();
            }
            return (PreparedFile) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexingCancelledException();
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
