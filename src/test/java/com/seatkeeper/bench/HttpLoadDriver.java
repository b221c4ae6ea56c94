package com.seatkeeper.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A closed-loop HTTP/1.1 load generator: {@code connections} keep-alive connections, each with
 * exactly one request in flight, all driven by one selector thread. It stands for that many
 * concurrent clients while taking as few of the machine's cores and thread switches as it can:
 * on a 2-core machine it shares the cores with the server and PostgreSQL, and a thread per
 * client (blocking sockets) cost a good part of a core in context switches alone.
 *
 * <p>Requests have no body; responses may have a Content-Length or a chunked body. Every
 * response is handed to a {@link Sink} with its latency (from writing the request to the
 * last byte of the response).
 */
final class HttpLoadDriver {

    /** One request to send. */
    interface Request {
        String method();

        String path();

        String token();
    }

    /** Receives each response; throwing stops the run. */
    interface Sink {
        void accept(int index, int status, String body, long latencyNanos);
    }

    private final InetSocketAddress address;
    private final String host;

    HttpLoadDriver(int port) {
        this.address = new InetSocketAddress("localhost", port);
        this.host = "localhost:" + port;
    }

    /** Opened connections, ready to run; the run starts with {@link Session#run}. */
    final class Session implements AutoCloseable {
        private final Selector selector;
        private final Connection[] connections;

        private Session(int count) throws IOException {
            selector = Selector.open();
            connections = new Connection[count];
            for (int i = 0; i < count; i++) {
                SocketChannel ch = SocketChannel.open(address);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                connections[i] = new Connection(ch);
                connections[i].key = ch.register(selector, 0, connections[i]);
            }
        }

        /** Sends every request once, at most one in flight per connection, and returns when all are answered. */
        void run(List<? extends Request> work, Sink sink) throws IOException {
            int n = work.size();
            int next = 0;
            int done = 0;
            for (Connection c : connections) {
                if (next < n) {
                    c.send(next, work.get(next));
                    next++;
                }
            }
            while (done < n) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    if (key.isWritable()) {
                        c.flush();
                    }
                    if (key.isReadable() && c.read()) {
                        long latency = System.nanoTime() - c.sentAt;
                        int index = c.index;
                        sink.accept(index, c.status, c.body, latency);
                        done++;
                        if (c.mustReconnect) {
                            c.reconnect(selector);
                        }
                        if (next < n) {
                            c.send(next, work.get(next));
                            next++;
                        } else {
                            c.key.interestOps(0);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        }

        @Override
        public void close() throws IOException {
            for (Connection c : connections) {
                c.channel.close();
            }
            selector.close();
        }
    }

    Session open(int connections) throws IOException {
        return new Session(connections);
    }

    /** One keep-alive connection and the parse state of its current response. */
    private final class Connection {
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        int index;
        long sentAt;
        int status;
        String body;
        boolean mustReconnect;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void send(int index, Request r) throws IOException {
            this.index = index;
            this.mustReconnect = false;
            in.clear();
            String request = r.method() + " " + r.path() + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + r.token()
                    + "\r\nAccept: application/json\r\nContent-Length: 0\r\n\r\n";
            out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            sentAt = System.nanoTime();
            flush();
        }

        void flush() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Reads what is there; true when the whole response has arrived. */
        boolean read() throws IOException {
            if (!in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            int r = channel.read(in);
            if (r < 0) {
                throw new IOException("the server closed a connection before the response to request " + index + " was complete");
            }
            return parse();
        }

        private boolean parse() {
            byte[] a = in.array();
            int end = in.position();
            int headerEnd = indexOf(a, 0, end, "\r\n\r\n");
            if (headerEnd < 0) {
                return false;
            }
            String head = new String(a, 0, headerEnd, StandardCharsets.ISO_8859_1);
            int bodyStart = headerEnd + 4;
            status = Integer.parseInt(head.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase().contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                StringBuilder sb = new StringBuilder();
                int p = bodyStart;
                while (true) {
                    int lineEnd = indexOf(a, p, end, "\r\n");
                    if (lineEnd < 0) {
                        return false;
                    }
                    String sizeText = new String(a, p, lineEnd - p, StandardCharsets.ISO_8859_1).split(";")[0].trim();
                    int size = Integer.parseInt(sizeText, 16);
                    p = lineEnd + 2;
                    if (size == 0) {
                        if (indexOf(a, p, end, "\r\n") < 0) { // no trailers are expected: just the final CRLF
                            return false;
                        }
                        break;
                    }
                    if (end < p + size + 2) {
                        return false;
                    }
                    sb.append(new String(a, p, size, StandardCharsets.UTF_8));
                    p += size + 2;
                }
                body = sb.toString();
            } else {
                int len = (int) Math.max(0, length);
                if (end < bodyStart + len) {
                    return false;
                }
                body = new String(a, bodyStart, len, StandardCharsets.UTF_8);
            }
            mustReconnect = close;
            return true;
        }

        void reconnect(Selector selector) throws IOException {
            key.cancel();
            channel.close();
            channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            key = channel.register(selector, 0, this);
        }

        private static int indexOf(byte[] a, int from, int to, String what) {
            int m = what.length();
            outer:
            for (int i = from; i <= to - m; i++) {
                for (int j = 0; j < m; j++) {
                    if (a[i + j] != what.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
