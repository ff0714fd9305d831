package io.github.webuimigrations;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a {@code migrate --to} or {@code rollback --to} stops: {@link Head} (everything),
 * {@link Base} (nothing), a {@link Legacy} migration or a {@link Revision}.
 *
 * @author webui-migrations
 */
public sealed interface MigrationTarget {

	/** Every migration of both tiers. */
	MigrationTarget HEAD = new Head();

	/** Before the first legacy migration. */
	MigrationTarget BASE = new Base();

	/**
	 * A legacy migration.
	 * @param number its number, 1 to 18
	 * @return the target
	 */
	static MigrationTarget legacy(int number) {
		return new Legacy(number);
	}

	/**
	 * A revision of the revisioned tier.
	 * @param id its id
	 * @return the target
	 */
	static MigrationTarget revision(String id) {
		return new Revision(id);
	}

	/**
	 * Parse a target as users write it: {@code head}, {@code base}, a legacy migration by number
	 * ({@code 9}, {@code 009}) or name ({@code 009_add_models}), or a revision by id or file name.
	 * @param text the target
	 * @param legacyNames the legacy tier's migrations, in order ({@code 001_initial_schema}, ...)
	 * @param revisionFileNames the revisioned tier's revisions, in order
	 * ({@code 7e5b5dc7342b_init}, ...)
	 * @return the target
	 * @throws MigrationException if no migration has that name
	 */
	static MigrationTarget parse(String text, List<String> legacyNames, List<String> revisionFileNames) {
		String value = (text != null) ? text.strip() : "";
		if (value.isEmpty() || value.equalsIgnoreCase("head")) {
			return HEAD;
		}
		if (value.equalsIgnoreCase("base")) {
			return BASE;
		}
		Matcher legacy = Pattern.compile("(\\d{1,3})(_\\w+)?").matcher(value);
		if (legacy.matches()) {
			int number = Integer.parseInt(legacy.group(1));
			if (number >= 1 && number <= legacyNames.size()
					&& (legacy.group(2) == null || legacyNames.get(number - 1).equals(value))) {
				return legacy(number);
			}
		}
		for (String fileName : revisionFileNames) {
			String id = fileName.substring(0, fileName.indexOf('_'));
			if (id.equals(value) || fileName.equals(value)) {
				return revision(id);
			}
		}
		throw new MigrationException("Unknown migration target '" + value + "': give head, base, a legacy migration "
				+ "(001 to " + String.format("%03d", legacyNames.size()) + ", or its name like 009_add_models) "
				+ "or a revision id of the revisioned tier (" + idOf(revisionFileNames.get(0)) + " to "
				+ idOf(revisionFileNames.get(revisionFileNames.size() - 1)) + ")");
	}

	private static String idOf(String fileName) {
		return fileName.substring(0, fileName.indexOf('_'));
	}

	/**
	 * Everything, in both tiers.
	 */
	record Head() implements MigrationTarget {

		@Override
		public String toString() {
			return "head";
		}

	}

	/**
	 * Nothing: before the first legacy migration.
	 */
	record Base() implements MigrationTarget {

		@Override
		public String toString() {
			return "base";
		}

	}

	/**
	 * A legacy migration, by number.
	 *
	 * @param number 1 to 18
	 */
	record Legacy(int number) implements MigrationTarget {

		@Override
		public String toString() {
			return String.format("%03d", this.number);
		}

	}

	/**
	 * A revision, by id.
	 *
	 * @param id the revision id
	 */
	record Revision(String id) implements MigrationTarget {

		@Override
		public String toString() {
			return this.id;
		}

	}

}
