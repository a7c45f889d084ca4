package dev.docserve.index.chunking;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line patterns that start a declaration (type, function, method) per language, each capturing the
 * declared name in group {@code name}. They are heuristics, not parsers: a miss only means a chunk
 * boundary falls elsewhere, never that code is lost.
 */
final class DeclarationPatterns {

    private static final String JVM_MODIFIERS =
            "(?:(?:public|protected|private|internal|static|final|abstract|sealed|non-sealed|open|override|data|inline"
                    + "|suspend|synchronized|native|default|virtual|async|partial|unsafe|extern|readonly|strictfp|lateinit)\\s+)";
    private static final Pattern TYPE = Pattern.compile(
            "^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*" + JVM_MODIFIERS + "*(?:class|interface|enum|record|object|trait|struct"
                    + "|protocol|extension|@interface|namespace)\\s+(?<name>\\w+)");
    private static final Pattern JAVA_LIKE_METHOD = Pattern.compile(
            "^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*" + JVM_MODIFIERS + "+(?:<[^>]+>\\s+)?[\\w<>\\[\\],.?]+(?:\\s+[\\w<>\\[\\],.?]+)*?"
                    + "\\s+(?<name>\\w+)\\s*\\(");
    /** Indented "Type name(" with no modifier (package-private methods): never an assignment or a statement. */
    private static final Pattern JAVA_LIKE_MEMBER = Pattern.compile(
            "^\\s+(?!(?:return|throw|new|else|case|yield|assert|await)\\b)(?:<[^>]+>\\s+)?"
                    + "[\\w<>\\[\\],.?]+\\s+(?<name>\\w+)\\s*\\([^;=]*$");
    /** Indented "Name(" with a capitalised name and no modifier: a package-private constructor. */
    private static final Pattern JAVA_LIKE_CONSTRUCTOR = Pattern.compile("^\\s+(?<name>[A-Z]\\w*)\\s*\\([^;=]*$");
    private static final Pattern FUN_KEYWORD = Pattern.compile(
            "^\\s*" + JVM_MODIFIERS + "*(?:fun|func|def)\\s+(?:<[^>]*>\\s*)?(?:[\\w<>]+\\.)?(?<name>\\w+)");
    private static final Pattern PYTHON = Pattern.compile("^\\s*(?:async\\s+)?(?:def|class)\\s+(?<name>\\w+)");
    private static final Pattern GO = Pattern.compile("^(?:func\\s+(?:\\([^)]*\\)\\s*)?|type\\s+)(?<name>\\w+)");
    private static final Pattern RUST = Pattern.compile(
            "^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?(?:(?:async|unsafe|const|extern\\s+\"[^\"]*\")\\s+)*"
                    + "(?:fn|struct|enum|trait|impl(?:<[^>]*>)?|mod|union|macro_rules!)\\s+(?<name>\\w+)");
    private static final Pattern JS_DECLARATION = Pattern.compile(
            "^\\s*(?:export\\s+)?(?:default\\s+)?(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?"
                    + "(?:function\\*?|class|interface|type|enum|namespace)\\s+(?<name>\\w+)");
    private static final Pattern JS_ARROW = Pattern.compile(
            "^\\s*(?:export\\s+)?(?:const|let|var)\\s+(?<name>\\w+)\\s*(?::[^=]+)?=\\s*(?:async\\s+)?"
                    + "(?:function\\b|\\([^)]*\\)\\s*(?::[^=]+)?=>|\\w+\\s*=>)");
    private static final Pattern JS_METHOD = Pattern.compile(
            "^\\s+(?:(?:public|private|protected|static|async|readonly|override|get|set)\\s+)*(?<name>\\w+)\\s*"
                    + "(?:<[^>]*>)?\\([^)]*\\)\\s*(?::\\s*[^{;]+)?\\{\\s*$");
    private static final Pattern C_FUNCTION = Pattern.compile(
            "^(?:[\\w:*&<>,]+\\s+)+\\**(?<name>[\\w:~]+)\\s*\\([^;]*$");
    private static final Pattern C_TYPE = Pattern.compile(
            "^\\s*(?:typedef\\s+)?(?:class|struct|namespace|enum|union)\\s+(?<name>\\w+)");
    private static final Pattern RUBY = Pattern.compile("^\\s*(?:def|class|module)\\s+(?:self\\.)?(?<name>[\\w?!]+)");
    private static final Pattern PHP = Pattern.compile(
            "^\\s*(?:(?:public|private|protected|static|abstract|final)\\s+)*(?:function|class|interface|trait|enum)\\s+(?<name>\\w+)");
    private static final Pattern SHELL = Pattern.compile("^\\s*(?:function\\s+)?(?<name>[\\w-]+)\\s*\\(\\)");
    private static final Pattern LUA = Pattern.compile("^\\s*(?:local\\s+)?function\\s+(?<name>[\\w.:]+)");
    private static final Pattern SQL = Pattern.compile(
            "^\\s*create\\s+(?:or\\s+replace\\s+)?(?:table|view|function|procedure|index|trigger)\\s+(?:if\\s+not\\s+exists\\s+)?(?<name>[\\w.\"]+)",
            Pattern.CASE_INSENSITIVE);

    /** Protocol Buffers and Thrift: the messages and services an API is made of, and each rpc. */
    private static final Pattern IDL = Pattern.compile(
            "^\\s*(?:message|service|enum|rpc|oneof|struct|union|exception|extend)\\s+(?<name>\\w+)");
    private static final Pattern GRAPHQL = Pattern.compile(
            "^\\s*(?:extend\\s+)?(?:type|input|enum|interface|union|scalar|directive\\s+@)\\s*(?<name>\\w+)");

    private static final Map<String, List<Pattern>> BY_LANGUAGE = Map.ofEntries(
            Map.entry("protobuf", List.of(IDL)),
            Map.entry("thrift", List.of(IDL)),
            Map.entry("graphql", List.of(GRAPHQL)),
            Map.entry("java", List.of(TYPE, JAVA_LIKE_METHOD, JAVA_LIKE_MEMBER, JAVA_LIKE_CONSTRUCTOR)),
            Map.entry("csharp", List.of(TYPE, JAVA_LIKE_METHOD, JAVA_LIKE_MEMBER, JAVA_LIKE_CONSTRUCTOR)),
            Map.entry("groovy", List.of(TYPE, JAVA_LIKE_METHOD, FUN_KEYWORD)),
            Map.entry("kotlin", List.of(TYPE, FUN_KEYWORD)),
            Map.entry("scala", List.of(TYPE, FUN_KEYWORD)),
            Map.entry("swift", List.of(TYPE, FUN_KEYWORD)),
            Map.entry("dart", List.of(TYPE, JAVA_LIKE_METHOD)),
            Map.entry("python", List.of(PYTHON)),
            Map.entry("go", List.of(GO)),
            Map.entry("rust", List.of(RUST)),
            Map.entry("typescript", List.of(JS_DECLARATION, JS_ARROW, JS_METHOD)),
            Map.entry("javascript", List.of(JS_DECLARATION, JS_ARROW, JS_METHOD)),
            Map.entry("c", List.of(C_TYPE, C_FUNCTION)),
            Map.entry("cpp", List.of(C_TYPE, C_FUNCTION)),
            Map.entry("objective-c", List.of(C_TYPE, C_FUNCTION)),
            Map.entry("ruby", List.of(RUBY)),
            Map.entry("php", List.of(PHP)),
            Map.entry("shell", List.of(SHELL)),
            Map.entry("lua", List.of(LUA)),
            Map.entry("sql", List.of(SQL)));

    /** Words that look like a name in "word(" but are control flow or expressions. */
    private static final Set<String> NOT_NAMES = Set.of("if", "for", "while", "switch", "catch", "return", "else",
            "do", "try", "synchronized", "new", "function", "throw", "sizeof", "when", "foreach", "using", "lock");

    private DeclarationPatterns() {
    }

    /** The declared name if {@code line} starts a declaration in {@code language}. */
    static Optional<String> declaredName(String language, String line) {
        for (Pattern pattern : BY_LANGUAGE.getOrDefault(language, List.of())) {
            Matcher m = pattern.matcher(line);
            if (m.find() && !NOT_NAMES.contains(m.group("name"))) {
                return Optional.of(m.group("name"));
            }
        }
        return Optional.empty();
    }

    /** Lines that belong to the declaration below them: comments, annotations, decorators, attributes. */
    static boolean isLeadingDecoration(String line) {
        String s = line.strip();
        return s.startsWith("//") || s.startsWith("/*") || s.startsWith("*") || s.startsWith("#[")
                || s.startsWith("@") || s.startsWith("///") || s.startsWith("--") || (s.startsWith("#") && !s.startsWith("#include"))
                || (s.startsWith("[") && s.endsWith("]"));
    }
}
