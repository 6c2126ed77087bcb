package com.evalue.transforms.health;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The storage columns of a record type, one per record component and in component order, named as in the spec
 * (snake_case). It gives the schema ({@link #columns()}) and get/create by column name, so that a Parquet or JDBC
 * writer can be generic. Enum components implementing {@link Labelled} are stored as their label.
 */
public final class ColumnSet<R extends Record> {
  private final Class<R> type;
  private final List<Column> columns;
  private final Map<String, Integer> index;
  private final Method[] accessors;
  private final Class<?>[] javaTypes;
  private final Constructor<R> constructor;

  private ColumnSet(Class<R> type, String... names) {
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    if (components.length != names.length) {
      throw new IllegalArgumentException(type.getSimpleName() + " has " + components.length + " components but "
          + names.length + " column names");
    }
    List<Column> cols = new ArrayList<>();
    Map<String, Integer> idx = new LinkedHashMap<>();
    accessors = new Method[names.length];
    javaTypes = new Class<?>[names.length];
    for (int i = 0; i < names.length; i++) {
      RecordComponent c = components[i];
      accessors[i] = c.getAccessor();
      javaTypes[i] = c.getType();
      boolean nullable = !c.getType().isPrimitive();
      cols.add(new Column(names[i], kindOf(c), nullable));
      if (idx.put(names[i], i) != null) {
        throw new IllegalArgumentException("duplicate column " + names[i]);
      }
    }
    this.columns = List.copyOf(cols);
    this.index = Collections.unmodifiableMap(idx);
    try {
      this.constructor = type.getDeclaredConstructor(javaTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Binds {@code names}, in order, to the record components of {@code type}. */
  public static <R extends Record> ColumnSet<R> of(Class<R> type, String... names) {
    return new ColumnSet<>(type, names);
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> names() {
    return columns.stream().map(Column::name).toList();
  }

  public Set<String> nameSet() {
    return index.keySet();
  }

  /** The stored value of column {@code name} of {@code row}: enums as labels, others as the component value. */
  public @Nullable Object get(R row, String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no column '" + name + "'");
    }
    return get(row, i);
  }

  /** The stored values of {@code row} in column order. */
  public List<Object> values(R row) {
    List<Object> out = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      out.add(get(row, i));
    }
    return out;
  }

  /** The record type. */
  public Class<R> type() {
    return type;
  }

  /** The raw component value at position {@code i} (enums not converted to labels), for coders. */
  public @Nullable Object component(R row, int i) {
    try {
      return accessors[i].invoke(row);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }

  private @Nullable Object get(R row, int i) {
    Object v = component(row, i);
    return v instanceof Labelled l ? l.label() : v;
  }

  /**
   * Builds a record from stored values by column name. A missing name is null; unknown names are an error. Numbers
   * are converted to the component's type; strings to labelled enums.
   */
  public R create(Map<String, ?> values) {
    for (String k : values.keySet()) {
      if (!index.containsKey(k)) {
        throw new IllegalArgumentException(type.getSimpleName() + " has no column '" + k + "'");
      }
    }
    Object[] args = new Object[columns.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = convert(javaTypes[i], values.get(columns.get(i).name()), columns.get(i).name());
    }
    return construct(args);
  }

  /** Builds a record from stored values in column order (the inverse of {@link #values}). */
  public R create(List<?> values) {
    if (values.size() != columns.size()) {
      throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.size());
    }
    Object[] args = new Object[columns.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = convert(javaTypes[i], values.get(i), columns.get(i).name());
    }
    return construct(args);
  }

  /** Calls the canonical constructor with raw component values, for coders. */
  public R construct(Object[] args) {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Java type of component {@code i}. */
  public Class<?> javaType(int i) {
    return javaTypes[i];
  }

  private static @Nullable Object convert(Class<?> target, @Nullable Object v, String name) {
    if (v == null) {
      if (target.isPrimitive()) {
        throw new IllegalArgumentException("column " + name + " is not nullable");
      }
      return null;
    }
    if ((target == Double.class || target == double.class) && v instanceof Number n) {
      return n.doubleValue();
    }
    if ((target == Integer.class || target == int.class) && v instanceof Number n) {
      return n.intValue();
    }
    if (target.isEnum() && v instanceof String s) {
      return Arrays.stream(target.getEnumConstants()).filter(e -> ((Labelled) e).label().equals(s)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("column " + name + ": unknown label '" + s + "'"));
    }
    return v;
  }

  private static ColumnKind kindOf(RecordComponent c) {
    Class<?> t = c.getType();
    if (t == String.class || (t.isEnum() && Labelled.class.isAssignableFrom(t))) {
      return ColumnKind.STRING;
    }
    if (t == Double.class || t == double.class) {
      return ColumnKind.DOUBLE;
    }
    if (t == Integer.class || t == int.class) {
      return ColumnKind.INT;
    }
    if (t == Boolean.class || t == boolean.class) {
      return ColumnKind.BOOLEAN;
    }
    if (t == Instant.class) {
      return ColumnKind.TIMESTAMP;
    }
    if (t == LocalDate.class) {
      return ColumnKind.DATE;
    }
    if (t == List.class && c.getGenericType() instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] == String.class) {
      return ColumnKind.STRING_LIST;
    }
    throw new IllegalArgumentException("unsupported column type " + c.getGenericType() + " of " + c.getName());
  }
}
