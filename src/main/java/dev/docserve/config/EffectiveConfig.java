package dev.docserve.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import io.quarkus.runtime.configuration.DurationConverter;

import java.time.Duration;
import java.util.Map;

/**
 * Builds the same settings chain the server uses, for code that runs before (or without) Quarkus:
 * the CLI. Flags given here rank with system properties, above the environment and the files.
 */
public final class EffectiveConfig {

    static final int FLAG_ORDINAL = 400;

    private EffectiveConfig() {
    }

    /**
     * @param flags settings given on the command line, keyed like {@code doc-serve.port}
     * @throws InvalidConfigFileException when a config file is malformed
     * @throws IllegalArgumentException when a setting has a value of the wrong type
     */
    public static DocServeConfig load(Map<String, String> flags) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .addDefaultSources()
                    .withSources(new PropertiesConfigSource(flags, "command line", FLAG_ORDINAL))
                    .withSources(new JsonFilesConfigSourceFactory())
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .withMapping(DocServeConfig.class)
                    .build();
            return config.getConfigMapping(DocServeConfig.class);
        } catch (InvalidConfigFileException e) {
            throw e;
        } catch (RuntimeException e) {
            InvalidConfigFileException fileProblem = findCause(e, InvalidConfigFileException.class);
            if (fileProblem != null) {
                throw fileProblem;
            }
            throw new IllegalArgumentException("invalid setting: " + firstLine(e), e);
        }
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        // SmallRye puts a headline first and the problems, one per line, below it.
        return message.lines().map(String::strip).filter(line -> !line.isEmpty())
                .filter(line -> !line.endsWith("failed:"))
                .reduce((first, second) -> first + "; " + second).orElse(message);
    }
}
