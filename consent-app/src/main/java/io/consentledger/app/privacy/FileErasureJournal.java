package io.consentledger.app.privacy;

import io.consentledger.api.FieldRules;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.EraseContact;
import io.consentledger.command.contact.ErasureJournal;
import io.consentledger.command.contact.ErasureNotJournaled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The erasure journal: one line per acknowledged erasure (the contact id, nothing else) in a file of this node's own
 * in {@code consent.erasure.journal-dir}, appended and forced to disk before the erasure is acknowledged. At start,
 * after Axon has started and before the web server takes requests, every node reads every journal file in the
 * directory and erases again each journaled contact that still has a key — which only a restored backup taken before
 * the erasure can bring back — with actor {@code system}; it also adds to its own file every contact the event store
 * knows as erased that no journal holds (erasures from before the journal, or one whose node stopped between the
 * commit and the journal write). A node that cannot re-apply the journal does not start. It keeps the journaled ids in
 * memory, so that an erased id is never registered again, not even after a restore from before its registration.
 */
@Component
class FileErasureJournal implements ErasureJournal, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FileErasureJournal.class);
    private static final String SUFFIX = ".journal";
    private static final Pattern CONTACT_ID = Pattern.compile(FieldRules.CONTACT_ID);
    private static final int BATCH = 500;
    /** After Axon has started (its command bus and subscribing processors) and before the web server starts. */
    private static final int PHASE = Integer.MAX_VALUE - 2560;

    private final Path directory;
    private final Path file;
    private final CommandGateway commands;
    private final ContactKeys keys;
    private final JdbcClient jdbc;
    /** Every contact id the journal files held at start, and every one journaled here since. */
    private final Set<String> erased = ConcurrentHashMap.newKeySet();

    private FileChannel channel;
    private volatile boolean running;

    FileErasureJournal(
            @Value("${consent.erasure.journal-dir:${consent.data-dir:./data}/erasure-journal}") Path directory,
            @Value("${consent.node-id:#{null}}") String nodeId,
            CommandGateway commands,
            ContactKeys keys,
            JdbcClient jdbc) {
        this.directory = directory.toAbsolutePath();
        this.file = this.directory.resolve("erasures-" + fileNameOf(nodeId) + SUFFIX);
        this.commands = commands;
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @Override
    public void start() {
        open();
        Set<String> journaled = journaled();
        erased.addAll(journaled);
        int reapplied = reapply(journaled);
        int added = addErasedFromTheStore(journaled);
        log.info(
                "Erasure journal {}: {} contacts journaled in {}; {} erased again, {} added from the event store",
                file.getFileName(),
                journaled.size(),
                directory,
                reapplied,
                added);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        synchronized (this) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                log.warn("Closing the erasure journal {} failed", file, e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void recordErased(String contactId) {
        try {
            append(List.of(contactId));
            erased.add(contactId);
        } catch (IOException | RuntimeException e) {
            log.error("The erasure of contact {} could not be written to the erasure journal {}", contactId, file, e);
            throw new ErasureNotJournaled(contactId, e);
        }
    }

    @Override
    public boolean holds(String contactId) {
        return erased.contains(contactId);
    }

    /** Every contact id in every journal file of the directory, this node's and the others'. */
    Set<String> journaled() {
        Set<String> ids = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path journal : files.filter(
                            path -> path.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList()) {
                for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                    String id = line.strip();
                    if (CONTACT_ID.matcher(id).matches()) {
                        ids.add(id);
                    } else if (!id.isEmpty()) {
                        log.warn("Skipping a line of {} that is no contact id", journal);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the erasure journal in " + directory, e);
        }
        return ids;
    }

    /** Erases again every journaled contact that still has a key; returns how many. */
    private int reapply(Set<String> journaled) {
        int reapplied = 0;
        for (List<String> batch : batches(new ArrayList<>(journaled))) {
            for (String contactId : withKeys(batch)) {
                try {
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(new EraseContact(contactId))
                            .andMetaData(LedgerMetadata.SYSTEM));
                } catch (AggregateNotFoundException e) {
                    // A key without events: nothing to record, but the key must go all the same.
                    log.warn("Journaled contact {} has a key but no events", contactId);
                }
                // With events kept apart from the keys (Axon Server), the store may know the contact as erased,
                // so that EraseContact changes nothing, while a restored key came back: delete it here.
                keys.erase(contactId);
                reapplied++;
            }
        }
        return reapplied;
    }

    /** Journals every contact the event store knows as erased that no journal file holds; returns how many. */
    private int addErasedFromTheStore(Set<String> journaled) {
        List<String> missing = jdbc
                .sql("SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry WHERE payloadType IN (:types)")
                .param("types", EarlierEventNames.storedNamesOf(ContactErased.class))
                .query(String.class)
                .list()
                .stream()
                .filter(id -> !journaled.contains(id))
                .sorted()
                .toList();
        try {
            append(missing);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the erasure journal " + file, e);
        }
        erased.addAll(missing);
        return missing.size();
    }

    private List<String> withKeys(List<String> contactIds) {
        String marks = String.join(", ", contactIds.stream().map(id -> "?").toList());
        return jdbc.sql("SELECT contact_id FROM contact_key WHERE contact_id IN (" + marks + ")")
                .params(new ArrayList<Object>(contactIds))
                .query(String.class)
                .list();
    }

    private synchronized void open() {
        try {
            Files.createDirectories(directory);
            boolean created = !Files.exists(file);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (created) {
                forceDirectory();
            }
            // A line cut short (the node stopped mid-write, before acknowledging) must not run into the next one.
            long size = channel.size();
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, size - 1);
                if (last.get(0) != '\n') {
                    channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                    channel.force(false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the erasure journal " + file, e);
        }
    }

    /** Appends the ids, one per line, and forces them to disk; a file lock keeps other processes' lines whole. */
    private synchronized void append(List<String> contactIds) throws IOException {
        if (contactIds.isEmpty()) {
            return;
        }
        if (channel == null || !channel.isOpen()) {
            throw new IOException("The erasure journal " + file + " is not open");
        }
        StringBuilder lines = new StringBuilder();
        contactIds.forEach(id -> lines.append(id).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        try (FileLock lock = channel.lock()) {
            long position = channel.size();
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            channel.force(false);
        }
    }

    /** Makes the new file's directory entry durable too. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be opened; the file's own force still holds its content.
            log.debug("Cannot force the directory {}", directory, e);
        }
    }

    private static List<List<String>> batches(List<String> ids) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
        return batches;
    }

    /** This node's file: by {@code consent.node-id}, else the host's name, in characters every file system takes. */
    private static String fileNameOf(String nodeId) {
        String name = nodeId;
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "node";
            }
        }
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
