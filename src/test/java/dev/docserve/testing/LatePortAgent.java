package dev.docserve.testing;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * A Java agent for server processes that forces the interleaving behind issue 18's stalled start:
 * Quarkus (3.33) starts one HTTP verticle per event loop; the first to start fires {@code HttpServerStart},
 * the first whose {@code listen} completes registers the bound port, so the event can reach observers
 * before the port is known. Here the port's registration is always taken off the event loop and done
 * {@code delay} ms later on a thread of its own ({@code never}: not at all), so every start meets the
 * race that a real start meets only when one event-loop thread is preempted at the wrong moment.
 *
 * <p>Launch a server with {@code -javaagent:<jar(dir)>=300}; the agent says on stdout what it deferred.
 */
public final class LatePortAgent {

    /** What the agent prints when it has taken the port's registration away. */
    public static final String DEFERRED = "late-port-agent: the port's registration is deferred";
    private static final String PORT_KEY = "quarkus.http.port";
    private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

    private LatePortAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        long delayMillis = "never".equals(args) ? -1 : Long.parseLong(args == null || args.isBlank() ? "300" : args);
        System.setProperty("late-port-agent.delay", Long.toString(delayMillis));
        new AgentBuilder.Default()
                .type(named("io.quarkus.runtime.ValueRegistryImpl"))
                .transform((builder, type, loader, module, domain) ->
                        builder.visit(Advice.to(DeferPortRegistration.class).on(named("registerInfo"))))
                .installOn(instrumentation);
    }

    /** Called from the instrumented {@code ValueRegistryImpl.registerInfo}: true skips the registration now. */
    public static boolean defer(Object registry, Object key, Object info) {
        if (REPLAYING.get() || !PORT_KEY.equals(keyName(key))) {
            return false;
        }
        long delayMillis = Long.getLong("late-port-agent.delay", 300);
        System.out.println(DEFERRED + " (" + (delayMillis < 0 ? "never registered" : delayMillis + " ms") + ")");
        if (delayMillis >= 0) {
            Thread late = new Thread(() -> registerLater(registry, key, info, delayMillis), "late-port-agent");
            late.setDaemon(true);
            late.start();
        }
        return true;
    }

    private static void registerLater(Object registry, Object key, Object info, long delayMillis) {
        try {
            Thread.sleep(delayMillis);
            REPLAYING.set(true);
            for (Method method : registry.getClass().getMethods()) {
                if (method.getName().equals("registerInfo") && method.getParameterCount() == 2) {
                    method.invoke(registry, key, info);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ReflectiveOperationException e) {
            e.printStackTrace();
        }
    }

    private static String keyName(Object key) {
        try {
            return String.valueOf(key.getClass().getMethod("key").invoke(key));
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    /** Inlined into {@code ValueRegistryImpl.registerInfo}. */
    public static final class DeferPortRegistration {

        private DeferPortRegistration() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.This Object registry, @Advice.Argument(0) Object key, @Advice.Argument(1) Object info) {
            return LatePortAgent.defer(registry, key, info);
        }
    }

    /**
     * Writes the agent jar into {@code dir}: this class and its advice, with Byte Buddy on the agent's
     * class path (the jar this test run resolved).
     */
    public static Path jar(Path dir) {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(new Attributes.Name("Premain-Class"), LatePortAgent.class.getName());
        attributes.put(Attributes.Name.CLASS_PATH, byteBuddyJar());
        Path jar = dir.resolve("late-port-agent.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out, manifest)) {
            for (Class<?> type : new Class<?>[]{LatePortAgent.class, DeferPortRegistration.class}) {
                String name = type.getName().replace('.', '/') + ".class";
                entries.putNextEntry(new JarEntry(name));
                try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(entries);
                }
                entries.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static String byteBuddyJar() {
        try {
            return AgentBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
