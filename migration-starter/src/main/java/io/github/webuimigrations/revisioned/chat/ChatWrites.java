package io.github.webuimigrations.revisioned.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.ColumnType;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * The SQL that gives each rewritten chat column its new value: what a step set (from the
 * values table {@code v}), else the row of a fill table that has the chat's id, else the column
 * it is copied from, else its own value.
 *
 * @author webui-migrations
 */
final class ChatWrites {

	private final Map<String, Column> writes;

	private final Map<String, String> copies;

	private final Map<String, List<String>> fills;

	private final boolean sqlite;

	ChatWrites(Map<String, Column> writes, Map<String, String> copies, Map<String, List<String>> fills, boolean sqlite) {
		this.writes = writes;
		this.copies = copies;
		this.fills = fills;
		this.sqlite = sqlite;
	}

	/** Whether no column of chat gets a new value. */
	boolean isEmpty() {
		return this.writes.isEmpty() && this.copies.isEmpty() && this.fills.isEmpty();
	}

	/** Whether the chat JSON itself is written. */
	boolean writesChatJson() {
		return this.writes.containsKey("chat") || this.copies.containsKey("chat");
	}

	/**
	 * Each column's new value.
	 * @param columns the columns
	 * @param row the alias of the old row
	 * @return one SQL expression per column
	 */
	List<String> sources(List<String> columns, String row) {
		return columns.stream().map((column) -> source(column, row)).toList();
	}

	/**
	 * {@code column = value} for each column that gets a new value.
	 * @param row the alias of the old row
	 * @return the assignments
	 */
	List<String> assignments(String row) {
		Set<String> columns = new LinkedHashSet<>(this.writes.keySet());
		columns.addAll(this.copies.keySet());
		this.fills.values().forEach(columns::addAll);
		return columns.stream().map((column) -> RevisionOperations.quote(column) + " = " + source(column, row)).toList();
	}

	/** {@code column = source} for each copied column, for an UPDATE of every chat. */
	List<String> copyAssignments() {
		List<String> assignments = new ArrayList<>();
		this.copies.forEach((column, source) -> assignments
			.add(RevisionOperations.quote(column) + " = " + cast(column, RevisionOperations.quote(source))));
		return assignments;
	}

	/**
	 * The fill tables, joined to the chat by id.
	 * @param id the SQL of the chat's id
	 * @return the joins, each with a leading space
	 */
	String fillJoins(String id) {
		StringBuilder joins = new StringBuilder();
		int i = 0;
		for (String table : this.fills.keySet()) {
			joins.append(" LEFT JOIN ").append(RevisionOperations.quote(table)).append(" AS f").append(i).append(" ON f")
				.append(i).append(".id = ").append(id);
			i++;
		}
		return joins.toString();
	}

	private String source(String column, String row) {
		String quoted = RevisionOperations.quote(column);
		String value = this.copies.containsKey(column)
				? cast(column, row + "." + RevisionOperations.quote(this.copies.get(column))) : row + "." + quoted;
		String fill = fillAlias(column);
		if (fill != null) {
			value = "CASE WHEN " + fill + ".id IS NOT NULL THEN " + fill + "." + quoted + " ELSE " + value + " END";
		}
		if (!this.writes.containsKey(column)) {
			return value;
		}
		return "CASE WHEN v." + RevisionOperations.quote(column + "_set") + " = 1 THEN v." + quoted + " ELSE " + value
				+ " END";
	}

	/** Text copied into PostgreSQL's json type is cast. */
	private String cast(String column, String value) {
		Column written = this.writes.get(column);
		return (!this.sqlite && written != null && written.type() == ColumnType.JSON) ? "CAST(" + value + " AS JSON)"
				: value;
	}

	private String fillAlias(String column) {
		int i = 0;
		for (List<String> columns : this.fills.values()) {
			if (columns.contains(column)) {
				return "f" + i;
			}
			i++;
		}
		return null;
	}

}
