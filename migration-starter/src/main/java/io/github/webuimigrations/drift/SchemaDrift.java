package io.github.webuimigrations.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a live schema differs from the one expected at its recorded point: what is missing,
 * what is extra, what is different.
 *
 * @param point what the expected schema was built to, e.g. {@code legacy 018, revision d4c1a8e37b62}
 * @param differences one entry per table, column, key, index or foreign key that differs
 * @author webui-migrations
 */
public record SchemaDrift(String point, List<Difference> differences) {

	/**
	 * Whether the live schema is exactly the expected one.
	 * @return true when nothing differs
	 */
	public boolean isEmpty() {
		return this.differences.isEmpty();
	}

	/**
	 * Whether the live schema holds everything expected (extra tables, columns or indexes
	 * aside).
	 * @return true when nothing is missing or different
	 */
	public boolean holdsEverythingExpected() {
		return this.differences.stream().allMatch((difference) -> difference.kind() == Kind.EXTRA);
	}

	/**
	 * The differences that are not extras.
	 * @return the missing and different items
	 */
	public List<Difference> missingOrDifferent() {
		return this.differences.stream().filter((difference) -> difference.kind() != Kind.EXTRA).toList();
	}

	/**
	 * Compare a live catalog with the expected one. Items of a table that is missing or extra
	 * as a whole are not listed one by one.
	 * @param point what the expected schema was built to
	 * @param expected the schema the migrations build
	 * @param live the database's schema
	 * @return the drift
	 */
	public static SchemaDrift between(String point, SchemaCatalog expected, SchemaCatalog live) {
		TreeMap<String, String> want = expected.items();
		TreeMap<String, String> have = live.items();
		List<Difference> differences = new ArrayList<>();
		for (Map.Entry<String, String> item : want.entrySet()) {
			String actual = have.get(item.getKey());
			if (actual == null) {
				if (!insideTable(item.getKey(), want, have)) {
					differences.add(new Difference(Kind.MISSING, item.getKey(), item.getValue(), null));
				}
			}
			else if (!actual.equals(item.getValue())) {
				differences.add(new Difference(Kind.DIFFERENT, item.getKey(), item.getValue(), actual));
			}
		}
		for (Map.Entry<String, String> item : have.entrySet()) {
			if (!want.containsKey(item.getKey()) && !insideTable(item.getKey(), have, want)) {
				differences.add(new Difference(Kind.EXTRA, item.getKey(), null, item.getValue()));
			}
		}
		return new SchemaDrift(point, List.copyOf(differences));
	}

	/** Whether an item belongs to a table that the other side lacks as a whole (reported once). */
	private static boolean insideTable(String key, TreeMap<String, String> side, TreeMap<String, String> other) {
		if (key.startsWith("table ")) {
			return false;
		}
		String table = "table " + tableOf(key);
		return side.containsKey(table) && !other.containsKey(table);
	}

	/** The table of an item key: {@code column chat.id}, {@code unique chat (id)}, {@code primary key chat}. */
	private static String tableOf(String key) {
		String rest = (key.startsWith("primary key ") || key.startsWith("foreign key ")) ? key.substring(12)
				: key.substring(key.indexOf(' ') + 1);
		int end = 0;
		while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != ' ') {
			end++;
		}
		return rest.substring(0, end);
	}

	/**
	 * One item that differs.
	 *
	 * @param kind missing, extra or different
	 * @param item what it is, e.g. {@code column chat.timer_at} or {@code index chat.timer_at_idx}
	 * @param expected how it should be, or {@code null} if it should not exist
	 * @param actual how it is, or {@code null} if it does not exist
	 */
	public record Difference(Kind kind, String item, String expected, String actual) {

		@Override
		public String toString() {
			return switch (this.kind) {
				case MISSING -> "missing   " + this.item + (this.expected.isEmpty() ? "" : " " + this.expected);
				case EXTRA -> "extra     " + this.item + (this.actual.isEmpty() ? "" : " " + this.actual);
				case DIFFERENT -> "different " + this.item + ": " + this.actual + ", expected " + this.expected;
			};
		}

	}

	/**
	 * How an item differs.
	 */
	public enum Kind {

		/** Expected, not in the database. */
		MISSING,

		/** In the database, not expected. */
		EXTRA,

		/** In both, not the same. */
		DIFFERENT

	}

}
