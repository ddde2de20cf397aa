package io.socketway.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A settings file for {@code socketway run}: a YAML mapping whose keys are the command's long option names without
 * the leading dashes ({@code port: 8443}, {@code cluster: [redis://a:6379, redis://b:6379]}), plus {@code template}.
 * Everything the command line can set, the file can set, because the file becomes command-line arguments: a scalar is
 * one value, a list repeats the option, a mapping gives {@code KEY=VALUE} values ({@code parameter-overrides}), and
 * {@code true} turns a flag on. An option given on the command line replaces the file's value (lists included).
 *
 * <p>Errors name the file, the line, the key and what was expected. Stateless; thread-safe.
 */
final class SettingsFile {
    /** The option that names the file. */
    static final String OPTION = "--settings";
    /** The environment variable read when the command line names no settings file. */
    static final String ENVIRONMENT = "SOCKETWAY_SETTINGS";
    private static final String TEMPLATE_KEY = "template";

    private SettingsFile() {}

    /**
     * Returns {@code args} with the settings file of a {@code run} command (from {@code --settings FILE} or
     * {@code SOCKETWAY_SETTINGS}) expanded in front of the command's own arguments; other commands are unchanged.
     *
     * @throws IllegalArgumentException naming the file, line and key, when the file cannot be used
     */
    static String[] expand(String[] args, CommandSpec run, Map<String, String> environment) {
        int command = List.of(args).indexOf(run.name());
        if (command < 0) {
            return args;
        }
        List<String> own = List.of(args).subList(command + 1, args.length);
        Path file = named(own).map(Path::of).orElseGet(() -> environment.containsKey(ENVIRONMENT)
                ? Path.of(environment.get(ENVIRONMENT)) : null);
        if (file == null) {
            return args;
        }
        List<String> expanded = new ArrayList<>(List.of(args).subList(0, command + 1));
        expanded.addAll(arguments(file, run, given(own), hasPositional(own, run)));
        expanded.addAll(own);
        return expanded.toArray(String[]::new);
    }

    /** Returns the value of {@code --settings} among a command's arguments. */
    private static java.util.Optional<String> named(List<String> own) {
        for (int i = 0; i < own.size(); i++) {
            if (own.get(i).equals(OPTION) && i + 1 < own.size()) {
                return java.util.Optional.of(own.get(i + 1));
            }
            if (own.get(i).startsWith(OPTION + "=")) {
                return java.util.Optional.of(own.get(i).substring(OPTION.length() + 1));
            }
        }
        return java.util.Optional.empty();
    }

    /** Returns the long names of the options given on the command line. */
    private static Set<String> given(List<String> own) {
        Set<String> names = new HashSet<>();
        for (String arg : own) {
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                names.add(equals < 0 ? arg : arg.substring(0, equals));
            }
        }
        return names;
    }

    /** Returns true when the command line names the template itself (a first argument that is not an option). */
    private static boolean hasPositional(List<String> own, CommandSpec run) {
        boolean value = false;
        for (String arg : own) {
            if (value) {
                value = false;
            } else if (arg.startsWith("-")) {
                OptionSpec option = run.findOption(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
                value = option != null && !arg.contains("=") && option.arity().max() > 0
                        && option.arity().min() > 0;
            } else {
                return true;
            }
        }
        return false;
    }

    private static List<String> arguments(Path file, CommandSpec run, Set<String> given, boolean templateGiven) {
        MappingNode root = read(file);
        List<String> out = new ArrayList<>();
        for (NodeTuple entry : root.getValue()) {
            String key = scalar(file, entry.getKeyNode(), "a setting name");
            Node value = entry.getValueNode();
            if (key.equals(TEMPLATE_KEY)) {
                if (!templateGiven) {
                    out.add(scalar(file, value, "the template's path"));
                }
                continue;
            }
            OptionSpec option = key.startsWith("-") ? null : run.findOption("--" + key);
            if (option == null || ("--" + key).equals(OPTION)) {
                throw error(file, entry.getKeyNode(), key, "one of template or the long options of `socketway run`"
                        + " without their dashes, such as port or cluster; see socketway run --help");
            }
            if (!given.contains("--" + key)) {
                out.addAll(values(file, option, key, value));
            }
        }
        return out;
    }

    private static List<String> values(Path file, OptionSpec option, String key, Node value) {
        String name = "--" + key;
        List<String> out = new ArrayList<>();
        if (value instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                out.add(name);
                out.add(scalar(file, item, "a list of values"));
            }
        } else if (value instanceof MappingNode map) {
            for (NodeTuple pair : map.getValue()) {
                out.add(name);
                out.add(scalar(file, pair.getKeyNode(), "KEY: VALUE pairs") + "="
                        + scalar(file, pair.getValueNode(), "KEY: VALUE pairs"));
            }
        } else if (option.arity().max() == 0) {
            String flag = scalar(file, value, "true or false");
            if (!flag.equals("true") && !flag.equals("false")) {
                throw error(file, value, key + ": " + flag, "true or false");
            }
            if (flag.equals("true")) {
                out.add(name);
            }
        } else {
            out.add(name);
            out.add(scalar(file, value, "a value"));
        }
        return out;
    }

    private static MappingNode read(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = yaml.compose(reader);
            if (root == null) {
                return new MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, List.of(), null);
            }
            if (!(root instanceof MappingNode map)) {
                throw error(file, root, "the whole file", "a mapping of setting names to values");
            }
            return map;
        } catch (IOException e) {
            throw new IllegalArgumentException(OPTION + ": " + file + " (expected: a readable YAML file; "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
    }

    private static String scalar(Path file, Node node, String expected) {
        if (!(node instanceof ScalarNode s)) {
            throw error(file, node, "a " + node.getNodeId().name().toLowerCase(java.util.Locale.ROOT), expected);
        }
        return s.getValue();
    }

    private static IllegalArgumentException error(Path file, Node node, String what, String expected) {
        int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        return new IllegalArgumentException(file + ":" + line + ": " + what + " (expected: " + expected + ")");
    }
}
