package dev.docserve.lifecycle.server;

import dev.docserve.lifecycle.client.ClassDataArchive;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * In a training server ({@code ClassDataTraining}), writes the class-data sharing archive
 * ({@link ClassDataArchive}) a moment after the server became ready, so that the archive holds what a
 * start loads, then stops the server. Written to a temporary file and moved into place, so a start
 * never maps half an archive; the first of several trainings to finish wins. Only a training server
 * dumps: the dump leaves ~110 MiB resident in the process that writes it.
 */
@ApplicationScoped
public class ClassDataDump {

    private static final Logger LOG = Logger.getLogger(ClassDataDump.class);
    private static final Duration AFTER_READY = Duration.ofSeconds(2);
    private static final int KEPT = 3;

    private volatile Thread dumping;

    void onReady(@Observes InstanceReady ready) {
        Optional<Path> target = Optional.ofNullable(System.getProperty(ClassDataArchive.PROPERTY))
                .filter(value -> !value.isBlank()).map(Path::of);
        if (target.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> {
            if (!Files.exists(target.get())) { // another training may have finished first
                dumpLater(target.get());
            }
            if (!Thread.currentThread().isInterrupted()) {
                Quarkus.asyncExit(0);
            }
        }, "doc-serve-class-data");
        thread.setDaemon(true);
        dumping = thread;
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread thread = dumping;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Each rebuild or JDK update starts a new archive (~25 MiB): the newest few are kept, the rest deleted. */
    static void dropOlderArchives(Path dir) throws IOException {
        List<Path> archives;
        try (Stream<Path> files = Files.list(dir)) {
            archives = files.filter(file -> file.getFileName().toString().matches("serve-\\w+\\.jsa"))
                    .sorted(Comparator.comparing(ClassDataDump::modified).reversed()).toList();
        }
        for (Path old : archives.subList(Math.min(KEPT, archives.size()), archives.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void dumpLater(Path target) {
        try {
            Thread.sleep(AFTER_READY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Path partial = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            long began = System.nanoTime();
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmCds", new Object[]{new String[]{"dynamic_dump", partial.toString()}},
                    new String[]{String[].class.getName()});
            if (!Files.isRegularFile(partial)) {
                LOG.debugf("no class-data archive written to %s", partial);
                return;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("wrote the class-data archive %s in %d ms: the next servers map it", target,
                    (System.nanoTime() - began) / 1_000_000);
            dropOlderArchives(target.getParent());
        } catch (IOException | JMException | RuntimeException e) {
            LOG.debugf("no class-data archive: %s", e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.debugf("cannot remove %s: %s", partial, e.getMessage());
            }
        }
    }
}
