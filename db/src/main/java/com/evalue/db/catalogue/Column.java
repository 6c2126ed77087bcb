package com.evalue.db.catalogue;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

/** A column value to write, with the SQL cast that types its parameter (so nulls compare correctly). */
record Column(String name, String sqlType, Object value) {

  String parameter() {
    return "?::" + sqlType;
  }

  void bind(PreparedStatement ps, int index) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NULL);
    } else {
      ps.setObject(index, value);
    }
  }

  static String names(List<Column> columns) {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }

  static String parameters(List<Column> columns) {
    return columns.stream().map(Column::parameter).collect(Collectors.joining(", "));
  }

  static int bindAll(PreparedStatement ps, int first, List<Column> columns) throws SQLException {
    int i = first;
    for (Column c : columns) {
      c.bind(ps, i++);
    }
    return i;
  }
}
