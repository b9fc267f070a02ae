package org.rosterbridge.sink.csv;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rosterbridge.model.CanonicalJson;
import org.rosterbridge.model.Entity;

/**
 * A mapping's {@code field}, such as {@code user.orgs[].sourcedId}: canonical JSON property names walked over the
 * typed record, checked against the record types when the mapping loads so a misspelt field fails at startup.
 */
public final class FieldPath {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    private final String text;
    private final List<Step> steps;
    private final boolean list;
    private final Template item;

    private FieldPath(String text, List<Step> steps, boolean list, Template item) {
        this.text = text;
        this.steps = steps;
        this.list = list;
        this.item = item;
    }

    static FieldPath compile(String where, String alias, Entity entity, String path, String itemTemplate) {
        String[] parts = path.split("\\.");
        if (!parts[0].equals(alias)) {
            throw new IllegalArgumentException(where + ": field '" + path + "' must start with '" + alias + ".'");
        }
        Type type = CanonicalJson.typeOf(entity);
        List<Step> steps = new ArrayList<>();
        boolean list = false;
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i];
            boolean each = name.endsWith("[]");
            if (each) {
                name = name.substring(0, name.length() - 2);
                if (list) {
                    throw new IllegalArgumentException(where + ": '" + path + "' walks more than one list");
                }
                list = true;
            }
            Class<?> raw = rawClass(type);
            if (Map.class.isAssignableFrom(raw)) {
                steps.add(new Step(name, null, null, each));
                type = Object.class;
                continue;
            }
            RecordComponent component = component(raw, name);
            if (component == null) {
                throw new IllegalArgumentException(where + ": '" + path + "': " + raw.getSimpleName() + " has no "
                        + "property '" + name + "'");
            }
            type = component.getGenericType();
            if (each) {
                if (!List.class.isAssignableFrom(rawClass(type))) {
                    throw new IllegalArgumentException(where + ": '" + name + "' is not a list");
                }
                type = ((ParameterizedType) type).getActualTypeArguments()[0];
            }
            steps.add(new Step(name, raw, accessor(component.getAccessor()), each));
        }
        Class<?> leaf = rawClass(type);
        Template template = null;
        if (itemTemplate != null) {
            template = Template.compile(where, leaf, itemTemplate);
        } else if (leaf.isRecord()) {
            throw new IllegalArgumentException(where + ": '" + path + "' names a " + leaf.getSimpleName()
                    + ": name one of its properties or give an item template");
        }
        return new FieldPath(path, List.copyOf(steps), list, template);
    }

    /** Whether the path walks a list, so the cell holds a comma-separated list. */
    public boolean list() {
        return list;
    }

    /** The values at the path: none when a step is absent, one for a plain field, any number through a list. */
    List<Object> values(Object record) {
        List<Object> out = new ArrayList<>(list ? 4 : 1);
        collect(record, out);
        return out;
    }

    /** Adds the values at the path to {@code out}, so a writer can reuse one list for every cell. */
    void collect(Object record, List<Object> out) {
        int from = out.size();
        walk(record, 0, out);
        if (item != null) {
            for (int i = from; i < out.size(); i++) {
                out.set(i, item.apply(out.get(i)));
            }
        }
    }

    private void walk(Object value, int from, List<Object> out) {
        Object current = value;
        for (int i = from; i < steps.size(); i++) {
            if (current == null) {
                return;
            }
            Step step = steps.get(i);
            current = step.read(current);
            if (step.each() && current instanceof List<?> items) {
                for (Object o : items) {
                    walk(o, i + 1, out);
                }
                return;
            }
        }
        if (current != null) {
            out.add(current);
        }
    }

    @Override
    public String toString() {
        return text;
    }

    private static RecordComponent component(Class<?> type, String jsonName) {
        if (!type.isRecord()) {
            return null;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            // Jackson's annotation reaches the accessor, not the record component itself
            JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
            if (name.equals(jsonName)) {
                return c;
            }
        }
        return null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /**
     * A record accessor as a plain function, bound once when the mapping loads: a reflective call per cell was
     * a visible share of writing a bundle.
     */
    @SuppressWarnings("unchecked")
    private static Function<Object, Object> accessor(Method accessor) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle handle = lookup.unreflect(accessor);
            Class<?> returned = handle.type().returnType();
            Class<?> boxed = returned.isPrimitive() ? MethodType.methodType(returned).wrap().returnType() : returned;
            return (Function<Object, Object>) LambdaMetafactory.metafactory(MethodHandles.lookup(), "apply",
                    MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class), handle,
                    MethodType.methodType(boxed, accessor.getDeclaringClass())).getTarget().invokeExact();
        } catch (Throwable e) {
            throw new IllegalArgumentException("cannot read " + accessor.getName() + " of "
                    + accessor.getDeclaringClass().getSimpleName(), e);
        }
    }

    /** One property read: a record accessor of {@code type}, or a map key when {@code accessor} is null. */
    private record Step(String name, Class<?> type, Function<Object, Object> accessor, boolean each) {
        Object read(Object target) {
            if (accessor == null) {
                return target instanceof Map<?, ?> m ? m.get(name) : null;
            }
            return type.isInstance(target) ? accessor.apply(target) : null;
        }
    }

    /** How one object in a list is written, such as {@code {${type}:${identifier}}} for a user id. */
    private record Template(List<String> literals, List<Function<Object, Object>> properties) {
        static Template compile(String where, Class<?> type, String text) {
            List<String> literals = new ArrayList<>();
            List<Function<Object, Object>> properties = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(text);
            int last = 0;
            while (m.find()) {
                RecordComponent c = component(type, m.group(1));
                if (c == null) {
                    throw new IllegalArgumentException(where + ": item template names '" + m.group(1) + "', which "
                            + type.getSimpleName() + " does not have");
                }
                literals.add(text.substring(last, m.start()));
                properties.add(accessor(c.getAccessor()));
                last = m.end();
            }
            literals.add(text.substring(last));
            return new Template(List.copyOf(literals), List.copyOf(properties));
        }

        String apply(Object item) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < properties.size(); i++) {
                b.append(literals.get(i));
                Object v = properties.get(i).apply(item);
                b.append(v == null ? "" : v);
            }
            return b.append(literals.get(literals.size() - 1)).toString();
        }
    }
}
