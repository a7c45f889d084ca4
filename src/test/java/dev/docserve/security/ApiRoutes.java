package dev.docserve.security;

import dev.docserve.api.HealthResource;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every route of the REST API, read from the JAX-RS annotations of the classes in {@code dev.docserve.api},
 * so a test over "every endpoint" covers an endpoint added tomorrow without being edited.
 */
final class ApiRoutes {

    private static final String PACKAGE = "dev.docserve.api";

    private ApiRoutes() {
    }

    /** {method, path} pairs, path parameters filled with a placeholder. */
    static List<String[]> all() throws IOException, URISyntaxException, ClassNotFoundException {
        List<String[]> routes = new ArrayList<>();
        for (String className : classesOfPackage()) {
            Class<?> type = Class.forName(className);
            Path base = type.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String path = (base.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                    routes.add(new String[] {verb, path.replaceAll("\\{[^}]+}", "x1")});
                }
            }
        }
        return routes;
    }

    /** From wherever the main classes are: target/classes under surefire, the packaged jar under failsafe. */
    private static List<String> classesOfPackage() throws IOException, URISyntaxException {
        java.nio.file.Path location = java.nio.file.Path.of(
                HealthResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String folder = PACKAGE.replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<java.nio.file.Path> files = Files.list(location.resolve(folder))) {
                files.map(f -> folder + f.getFileName()).forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0).forEach(names::add);
            }
        }
        return names.stream().filter(n -> n.endsWith(".class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return method.isAnnotationPresent(PUT.class) ? "PUT" : null;
    }
}
