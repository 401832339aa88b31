package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the configuration tree from its layers, later ones winning: built-in defaults, the JSON
 * config file ({@code --config FILE} or {@code CANDLEBUS_CONFIG}), {@code CANDLEBUS_*} environment
 * variables, then command-line flags. Nothing is deployed before the result validates.
 */
final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * The parsed command line: an optional sub-command, its own arguments, the merged configuration tree,
     * and the layers it was merged from (lowest first; only those present).
     */
    record Loaded(String command, List<String> commandArgs, JsonObject tree, List<Layer> layers) {}

    /** One layer of the configuration: where it came from, and its own tree. */
    record Layer(String source, JsonObject tree) {}

    /** Sub-commands parse their own arguments; the rest of the command line is configuration. */
    static final List<String> COMMANDS = List.of("run", "sim");

    /** Loads the tree for {@code args}, reading the environment from {@code env}. */
    static Loaded load(String[] args, Map<String, String> env) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String command = "run";
        if (!rest.isEmpty() && COMMANDS.contains(rest.get(0))) {
            command = rest.remove(0);
        }
        List<Layer> layers = new ArrayList<>();
        String file = env.get("CANDLEBUS_CONFIG");
        String fileFlag = takeValue(rest, "--config");
        if (fileFlag != null) {
            file = fileFlag;
        }
        if (file != null) {
            layers.add(new Layer("the config file " + file, readFile(Path.of(file))));
        }
        JsonObject fromEnv = new JsonObject();
        for (Setting s : Setting.ALL) {
            String value = env.get(s.env());
            if (value != null) {
                put(fromEnv, s.path(), convert(s, value, s.env() + " (" + s.path() + ")"));
            }
        }
        if (!fromEnv.isEmpty()) {
            layers.add(new Layer("the CANDLEBUS_* environment variables", fromEnv));
        }
        JsonObject fromFlags = new JsonObject();
        applyFlags(rest, fromFlags);
        if (!fromFlags.isEmpty()) {
            layers.add(new Layer("the command line", fromFlags));
        }
        JsonObject tree = new JsonObject();
        for (Layer layer : layers) {
            merge(tree, layer.tree().copy());
        }
        return new Loaded(command, List.of(), tree, List.copyOf(layers));
    }

    private static void applyFlags(List<String> args, JsonObject tree) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Setting setting = byFlag(name);
            if (setting.kind() == Setting.Kind.SWITCH) {
                put(tree, setting.path(), value == null || Boolean.parseBoolean(value));
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException(name + ": expected a value after the option, was nothing");
                }
                value = args.get(++i);
            }
            put(tree, setting.path(), convert(setting, value, name + " (" + setting.path() + ")"));
        }
    }

    private static Setting byFlag(String flag) {
        for (Setting s : Setting.ALL) {
            if (s.flag().equals(flag)) {
                return s;
            }
        }
        throw new ConfigException("command line: expected one of --config, "
                + Setting.ALL.stream().map(Setting::flag).collect(Collectors.joining(", "))
                + " (see --help), was '" + flag + "'");
    }

    private static String takeValue(List<String> args, String flag) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(flag)) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException(flag + ": expected a file path after the option, was nothing");
                }
                String value = args.get(i + 1);
                args.remove(i + 1);
                args.remove(i);
                return value;
            }
            if (arg.startsWith(flag + "=")) {
                args.remove(i);
                return arg.substring(flag.length() + 1);
            }
        }
        return null;
    }

    private static JsonObject readFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("config file", "a readable JSON file", file + " (" + e + ")");
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            throw new ConfigException(
                    "config file " + file + ": expected a JSON object, was invalid JSON: " + e.getMessage());
        }
    }

    static Object convert(Setting s, String value, String where) {
        try {
            return switch (s.kind()) {
                case STRING -> value;
                case INT -> Integer.parseInt(value.trim());
                case LONG -> Long.parseLong(value.trim());
                case DOUBLE -> Double.parseDouble(value.trim());
                case BOOLEAN, SWITCH -> parseBoolean(value, where);
                case STRING_LIST -> new JsonArray(Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(v -> !v.isEmpty())
                        .collect(Collectors.toList()));
            };
        } catch (NumberFormatException e) {
            throw new ConfigException(where, s.kind() == Setting.Kind.DOUBLE ? "a number" : "an integer", value);
        }
    }

    private static boolean parseBoolean(String value, String where) {
        return switch (value.trim()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(where, "true or false", value);
        };
    }

    /** Sets a dotted path in the tree, creating objects on the way. */
    static void put(JsonObject tree, String path, Object value) {
        String[] parts = path.split("\\.");
        JsonObject node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.getValue(parts[i]);
            if (!(child instanceof JsonObject)) {
                child = new JsonObject();
                node.put(parts[i], child);
            }
            node = (JsonObject) child;
        }
        node.put(parts[parts.length - 1], value);
    }

    /** Deep-merges {@code layer} into {@code tree}; objects merge, everything else replaces. */
    static void merge(JsonObject tree, JsonObject layer) {
        for (String key : layer.fieldNames()) {
            Object value = layer.getValue(key);
            Object existing = tree.getValue(key);
            if (value instanceof JsonObject v && existing instanceof JsonObject e) {
                merge(e, v);
            } else {
                tree.put(key, value);
            }
        }
    }
}
