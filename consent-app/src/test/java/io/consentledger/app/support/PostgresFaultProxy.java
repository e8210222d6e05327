package io.consentledger.app.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy between the service and PostgreSQL that reads the wire protocol and can break one connection at a chosen
 * moment of a transaction that appends events (see {@link Fault}). Every other transaction passes untouched. The
 * service must connect with {@code sslmode=disable}, {@code gssEncMode=disable} (the proxy reads plain messages) and
 * {@code prepareThreshold=0} (every statement carries its SQL text).
 */
public final class PostgresFaultProxy implements AutoCloseable {

    /** Where to break the next transaction that appends events. */
    public enum Fault {
        NONE,
        /** The COMMIT reaches the server, which commits; the connection breaks before its answer reaches the client. */
        COMMIT_ANSWER_LOST,
        /** The connection breaks as the client sends the COMMIT, which never reaches the server. */
        COMMIT_LOST,
        /** The connection breaks as the client sends the idempotency record, after the events and before the commit. */
        IDEMPOTENCY_RECORD_LOST
    }

    private static final String EVENT_INSERT = "INSERT INTO DOMAINEVENTENTRY";
    private static final String IDEMPOTENCY_INSERT = "INSERT INTO IDEMPOTENT_REQUEST";

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final AtomicReference<Fault> armed = new AtomicReference<>(Fault.NONE);
    private final AtomicInteger faults = new AtomicInteger();

    private PostgresFaultProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "pg-fault-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the PostgreSQL that {@code jdbcUrl} names. */
    public static PostgresFaultProxy inFrontOf(String jdbcUrl) throws IOException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new PostgresFaultProxy(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort()));
    }

    /** {@code jdbcUrl} pointed at this proxy, with the connection settings the proxy needs. */
    public String jdbcUrl(String jdbcUrl) {
        String proxied = jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + server.getLocalPort() + "/");
        return proxied + (proxied.contains("?") ? "&" : "?") + "sslmode=disable&gssEncMode=disable&prepareThreshold=0";
    }

    /** Breaks the next transaction that appends events, in the given way; one at a time. */
    public void arm(Fault fault) {
        armed.set(fault);
    }

    /** How many connections the proxy broke on purpose. */
    public int faults() {
        return faults.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket database = new Socket(upstream.getAddress(), upstream.getPort());
                client.setTcpNoDelay(true);
                database.setTcpNoDelay(true);
                Connection connection = new Connection(client, database);
                start("pg-proxy-up", connection::clientToServer);
                start("pg-proxy-down", connection::serverToClient);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    throw new IllegalStateException("The proxy stopped accepting connections", e);
                }
            }
        }
    }

    private static void start(String name, Runnable pump) {
        Thread thread = new Thread(pump, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** One proxied connection: two pumps that read whole protocol messages. */
    private final class Connection {

        private final Socket client;
        private final Socket database;
        private volatile boolean appendingEvents;
        private volatile boolean cutOnCommitAnswer;

        Connection(Socket client, Socket database) {
            this.client = client;
            this.database = database;
        }

        void clientToServer() {
            try (DataInputStream in = new DataInputStream(client.getInputStream())) {
                OutputStream out = database.getOutputStream();
                // The startup message has no type byte.
                int length = in.readInt();
                byte[] startup = new byte[length - 4];
                in.readFully(startup);
                writeUntyped(out, length, startup);
                while (true) {
                    byte type = in.readByte();
                    byte[] body = new byte[in.readInt() - 4];
                    in.readFully(body);
                    String sql = sql(type, body);
                    if (sql != null) {
                        String statement = sql.strip().toUpperCase(Locale.ROOT);
                        if (statement.startsWith(EVENT_INSERT)) {
                            appendingEvents = true;
                        } else if (appendingEvents
                                && statement.startsWith(IDEMPOTENCY_INSERT)
                                && armed.compareAndSet(Fault.IDEMPOTENCY_RECORD_LOST, Fault.NONE)) {
                            breakConnection();
                            return;
                        } else if (statement.equals("COMMIT") || statement.equals("ROLLBACK")) {
                            boolean commitsEvents = appendingEvents && statement.equals("COMMIT");
                            appendingEvents = false;
                            if (commitsEvents && armed.compareAndSet(Fault.COMMIT_LOST, Fault.NONE)) {
                                breakConnection();
                                return;
                            }
                            if (commitsEvents && armed.compareAndSet(Fault.COMMIT_ANSWER_LOST, Fault.NONE)) {
                                cutOnCommitAnswer = true;
                            }
                        }
                    }
                    writeTyped(out, type, body);
                }
            } catch (IOException e) {
                closeBoth();
            }
        }

        void serverToClient() {
            try (DataInputStream in = new DataInputStream(database.getInputStream())) {
                OutputStream out = client.getOutputStream();
                while (true) {
                    byte type = in.readByte();
                    byte[] body = new byte[in.readInt() - 4];
                    in.readFully(body);
                    if (cutOnCommitAnswer) {
                        // The COMMIT went to the server: swallow its answer and break the connection once the server
                        // has finished it (CommandComplete, an error or ReadyForQuery), so the client never learns
                        // the outcome.
                        if (type == 'C' || type == 'E' || type == 'Z') {
                            breakConnection();
                            return;
                        }
                        continue;
                    }
                    writeTyped(out, type, body);
                }
            } catch (IOException e) {
                closeBoth();
            }
        }

        private void breakConnection() {
            faults.incrementAndGet();
            closeBoth();
        }

        private void closeBoth() {
            close(client);
            close(database);
        }
    }

    /** The SQL text of a simple query ('Q') or of a statement being parsed ('P'); null for other messages. */
    private static String sql(byte type, byte[] body) {
        if (type == 'Q') {
            return cString(body, 0);
        }
        if (type == 'P') {
            int nameEnd = indexOfZero(body, 0);
            return cString(body, nameEnd + 1);
        }
        return null;
    }

    private static String cString(byte[] body, int from) {
        int end = indexOfZero(body, from);
        return new String(body, from, Math.max(end - from, 0), StandardCharsets.UTF_8);
    }

    private static int indexOfZero(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return body.length;
    }

    private static void writeUntyped(OutputStream out, int length, byte[] body) throws IOException {
        out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        out.write(body);
        out.flush();
    }

    private static void writeTyped(OutputStream out, byte type, byte[] body) throws IOException {
        int length = body.length + 4;
        out.write(new byte[] {type, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
        });
        out.write(body);
        out.flush();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket the other side already closed: nothing left to do.
        }
    }
}
