package dev.mediawatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A body subscriber whose stream gives up at a deadline. The JDK's {@code ofInputStream()} blocks in {@code read()}
 * for as long as the server keeps the connection open, so a server trickling one byte a minute would hold a poller
 * thread forever; here every read waits at most until the deadline, then fails with {@link DeadlineExceeded}.
 */
final class DeadlineBodySubscriber implements HttpResponse.BodySubscriber<InputStream> {

    /** Thrown by {@code read()} when the deadline passes. */
    static final class DeadlineExceeded extends IOException {
        DeadlineExceeded() {
            super("deadline exceeded while reading the body");
        }
    }

    private static final Object END = new Object();

    // holds List<ByteBuffer>, Throwable or END; bounded by request(1): at most one list is in flight
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long deadlineNanos;
    private volatile Flow.Subscription subscription;

    DeadlineBodySubscriber(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(new Stream());
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    private final class Stream extends InputStream {
        private List<ByteBuffer> current = List.of();
        private int index;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            ByteBuffer buf = nextBuffer();
            if (buf == null) return -1;
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }

        private ByteBuffer nextBuffer() throws IOException {
            while (!ended) {
                while (index < current.size()) {
                    ByteBuffer buf = current.get(index);
                    if (buf.hasRemaining()) return buf;
                    index++;
                }
                take();
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        private void take() throws IOException {
            Object item = poll();
            if (item == END) {
                ended = true;
            } else if (item instanceof Throwable t) {
                ended = true;
                throw t instanceof IOException io ? io : new IOException(t);
            } else {
                current = (List<ByteBuffer>) item;
                index = 0;
                subscription.request(1);
            }
        }

        private Object poll() throws IOException {
            long wait = deadlineNanos - System.nanoTime();
            try {
                Object item = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                if (item == null) throw new DeadlineExceeded();
                return item;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the body", e);
            }
        }

        @Override
        public void close() {
            // cancelling makes the client drop the connection instead of draining a body we no longer want
            Flow.Subscription s = subscription;
            if (s != null && !ended) s.cancel();
            ended = true;
        }
    }
}
