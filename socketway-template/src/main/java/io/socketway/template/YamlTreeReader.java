package io.socketway.template;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML or JSON template into a {@link Tree}, composing SnakeYAML nodes (never constructing Java objects) so
 * that lines and short-form tags such as {@code !Ref} survive. Short forms become their long form, duplicate keys and
 * unknown intrinsic functions are errors. Stateless apart from the source; does blocking file I/O.
 */
final class YamlTreeReader {
    private static final int MAX_DEPTH = 100;
    /** Aliases a template may use ({@code *name}); SnakeYAML's default of 50 is small for large templates. */
    private static final int MAX_ALIASES = 5_000;
    /** Values a template may hold once aliases are expanded, so that nested aliases cannot blow up memory. */
    private static final int MAX_VALUES = 2_000_000;
    /** Characters of scalar text a template may hold once aliases are expanded (an aliased long scalar counts each time). */
    private static final long MAX_CHARACTERS = 64L * 1024 * 1024;
    private static final String STANDARD_TAG_PREFIX = "tag:yaml.org,2002:";
    private static final String READABLE = "a readable SAM or CloudFormation template in YAML or JSON";

    private final Source source;
    private int values;
    private long characters;

    private YamlTreeReader(Source source) {
        this.source = source;
    }

    /** Reads the template's top-level mapping. */
    static Tree.Mapping read(Source source) {
        YamlTreeReader reader = new YamlTreeReader(source);
        Node root = reader.compose(reader.text());
        if (root == null) {
            throw source.error(0, "", "(empty file)", READABLE);
        }
        Tree tree = reader.convert(root, "", 0);
        if (!(tree instanceof Tree.Mapping mapping)) {
            throw source.error(tree, "", "a mapping with a Resources section at the top level");
        }
        return mapping;
    }

    private String text() {
        try {
            return Files.readString(source.file());
        } catch (NoSuchFileException e) {
            throw new TemplateException(source.file(), 0, "", "file not found (expected: " + READABLE + ")", e);
        } catch (CharacterCodingException e) {
            throw new TemplateException(source.file(), 0, "", "not UTF-8 text (expected: " + READABLE + ")", e);
        } catch (IOException e) {
            throw new TemplateException(source.file(), 0, "", "cannot read: " + e + " (expected: " + READABLE + ")", e);
        }
    }

    private Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        try {
            return new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = (e.getContext() != null ? e.getContext() + ": " : "") + e.getProblem();
            throw new TemplateException(source.file(), mark == null ? 0 : mark.getLine() + 1, "",
                    problem.replace('\n', ' ') + " (expected: well-formed YAML or JSON)", e);
        } catch (YAMLException e) {
            throw new TemplateException(source.file(), 0, "", e.getMessage() + " (expected: " + READABLE + ")", e);
        }
    }

    private Tree convert(Node node, String path, int depth) {
        int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        if (depth > MAX_DEPTH) {
            throw source.error(line, path, "(nested too deeply)", "at most " + MAX_DEPTH + " levels of nesting");
        }
        if (++values > MAX_VALUES) {
            throw source.error(line, path, "(more than " + MAX_VALUES + " values once aliases are expanded)",
                    "a template whose aliases do not multiply it beyond that");
        }
        Tree plain = switch (node) {
            case ScalarNode scalar -> {
                characters += scalar.getValue().length();
                if (characters > MAX_CHARACTERS) {
                    throw source.error(line, path, "(more than " + MAX_CHARACTERS + " characters once aliases are"
                            + " expanded)", "a template whose aliases do not multiply it beyond that");
                }
                yield new Tree.Scalar(scalar.getValue(), kind(scalar.getTag()), line);
            }
            case SequenceNode sequence -> sequence(sequence, path, line, depth);
            case MappingNode mapping -> mapping(mapping, path, line, depth);
            default -> throw source.error(line, path, node.getNodeId().toString(), "a scalar, list or mapping");
        };
        String tag = node.getTag().getValue();
        if (tag.startsWith(STANDARD_TAG_PREFIX)) {
            return plain;
        }
        return shortForm(tag, plain, path, line);
    }

    private static Tree.Kind kind(Tag tag) {
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return Tree.Kind.NUMBER;
        }
        if (tag.equals(Tag.BOOL)) {
            return Tree.Kind.BOOLEAN;
        }
        return tag.equals(Tag.NULL) ? Tree.Kind.NULL : Tree.Kind.STRING;
    }

    private Tree sequence(SequenceNode node, String path, int line, int depth) {
        List<Tree> items = new ArrayList<>();
        for (Node item : node.getValue()) {
            items.add(convert(item, path + "[" + items.size() + "]", depth + 1));
        }
        return new Tree.Sequence(items, line);
    }

    private Tree mapping(MappingNode node, String path, int line, int depth) {
        Map<String, Tree.Entry> entries = new LinkedHashMap<>();
        List<Tree.Mapping> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                merged.addAll(mergeSources(tuple.getValueNode(), path, depth));
                continue;
            }
            String key = key(tuple.getKeyNode(), path);
            int keyLine = tuple.getKeyNode().getStartMark().getLine() + 1;
            String childPath = path.isEmpty() ? key : path + "." + key;
            Tree.Entry previous = entries.get(key);
            if (previous != null) {
                throw source.error(keyLine, childPath, Tree.Scalar.quote(key),
                        "each key once in a mapping; it is already on line " + previous.keyLine());
            }
            entries.put(key, new Tree.Entry(key, keyLine, convert(tuple.getValueNode(), childPath, depth + 1)));
        }
        for (Tree.Mapping source : merged) {
            source.entries().forEach(entries::putIfAbsent); // YAML merge keys: the mapping's own keys win
        }
        Tree.Mapping mapping = new Tree.Mapping(entries, line);
        checkLongForm(mapping, path);
        return mapping;
    }

    /**
     * Returns the mappings a YAML merge key ({@code <<: *defaults} or {@code <<: [*a, *b]}) brings in, earlier ones
     * first, as {@code sam deploy} and {@code aws cloudformation package} resolve them before CloudFormation sees the
     * template.
     */
    private List<Tree.Mapping> mergeSources(Node value, String path, int depth) {
        List<Node> nodes = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
        List<Tree.Mapping> sources = new ArrayList<>();
        for (Node node : nodes) {
            if (!(convert(node, path + ".<<", depth + 1) instanceof Tree.Mapping mapping)) {
                int line = node.getStartMark().getLine() + 1;
                throw source.error(line, path + ".<<", "(not a mapping)", "a mapping, or a list of mappings, to merge");
            }
            sources.add(mapping);
        }
        return sources;
    }

    private String key(Node keyNode, String path) {
        if (keyNode instanceof ScalarNode scalar && scalar.getTag().getValue().startsWith(STANDARD_TAG_PREFIX)) {
            return scalar.getValue();
        }
        int line = keyNode.getStartMark().getLine() + 1;
        throw source.error(line, path, "(" + keyNode.getNodeId() + " key)", "a plain string key");
    }

    private void checkLongForm(Tree.Mapping mapping, String path) {
        if (mapping.entries().size() != 1) {
            return;
        }
        Tree.Entry only = mapping.entries().values().iterator().next();
        if (only.key().startsWith("Fn::") && !IntrinsicNames.isKnown(only.key())) {
            throw unknownFunction(only.keyLine(), path, only.key());
        }
    }

    private Tree shortForm(String tag, Tree argument, String path, int line) {
        if (!tag.startsWith("!") || tag.startsWith("!!") || !IntrinsicNames.isKnown(IntrinsicNames.longForm(tag))) {
            throw unknownFunction(line, path, tag);
        }
        String name = IntrinsicNames.longForm(tag);
        Tree value = name.equals("Fn::GetAtt") ? splitGetAtt(argument) : argument;
        return new Tree.Mapping(Map.of(name, new Tree.Entry(name, line, value)), line);
    }

    private static Tree splitGetAtt(Tree argument) {
        if (argument instanceof Tree.Scalar scalar && scalar.text().indexOf('.') > 0) {
            int dot = scalar.text().indexOf('.');
            return new Tree.Sequence(List.of(
                    Tree.string(scalar.text().substring(0, dot), scalar.line()),
                    Tree.string(scalar.text().substring(dot + 1), scalar.line())), scalar.line());
        }
        return argument;
    }

    private TemplateException unknownFunction(int line, String path, String name) {
        return source.error(line, path, Tree.Scalar.quote(name),
                "an intrinsic function: " + IntrinsicNames.supportedList() + " (or the short form, such as !Ref)");
    }
}
