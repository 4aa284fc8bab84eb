package dev.marquee.support;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A document record for a test of one layer, with only the fields that layer reads: built through the
 * record's components, not its long constructor, so the test does not change whenever the document
 * gains or loses a field it does not read. Every other component is empty (null, 0, false).
 */
public final class Records {

	private Records() {
	}

	/** @param fields component name to value (a null value stays null) */
	public static <T extends Record> T with(Class<T> type, Map<String, ?> fields) {
		RecordComponent[] components = type.getRecordComponents();
		Set<String> unknown = new HashSet<>(fields.keySet());
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			String name = components[i].getName();
			unknown.remove(name);
			values[i] = fields.containsKey(name) ? fields.get(name) : empty(components[i].getType());
		}
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(type.getSimpleName() + " has no component " + unknown);
		}
		Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
		try {
			return type.getDeclaredConstructor(types).newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot build a " + type.getSimpleName(), ex);
		}
	}

	/** {@link #with(Class, Map)} from name and value pairs; values may be null. */
	public static <T extends Record> T with(Class<T> type, Object... namesAndValues) {
		Map<String, Object> fields = new HashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return with(type, fields);
	}

	private static Object empty(Class<?> type) {
		if (!type.isPrimitive()) {
			return null;
		}
		if (type == boolean.class) {
			return false;
		}
		if (type == long.class) {
			return 0L;
		}
		if (type == double.class) {
			return 0d;
		}
		if (type == float.class) {
			return 0f;
		}
		if (type == char.class) {
			return '\0';
		}
		if (type == byte.class) {
			return (byte) 0;
		}
		if (type == short.class) {
			return (short) 0;
		}
		return 0;
	}

}
