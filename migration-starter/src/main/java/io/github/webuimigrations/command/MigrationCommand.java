package io.github.webuimigrations.command;

import java.util.Locale;

/**
 * One command to run against the database instead of serving.
 *
 * @param kind what to do
 * @param target where {@code migrate} or {@code rollback} stops, or {@code null} (head)
 * @param restoreFrom the backup {@code restore} puts back, or {@code null}
 * @param json whether {@code info} and {@code drift} print JSON
 * @author webui-migrations
 */
public record MigrationCommand(Kind kind, String target, String restoreFrom, boolean json) {

	/**
	 * What a command does.
	 */
	public enum Kind {

		/** Apply what is pending, up to the target. */
		MIGRATE,

		/** Roll back, newest first, until the target is the last applied. */
		ROLLBACK,

		/** Put a backup back. */
		RESTORE,

		/** Check that every migration is applied and unchanged. */
		VALIDATE,

		/** List the rows that would stop a pending migration; change nothing. */
		PREFLIGHT,

		/** Compare the schema with the one the migrations build at the recorded point. */
		DRIFT,

		/** List every migration with its state. */
		INFO;

		/**
		 * The kind a user names.
		 * @param name e.g. {@code migrate}
		 * @return the kind, or {@code null} if there is none of that name
		 */
		public static Kind named(String name) {
			for (Kind kind : values()) {
				if (kind.name().equalsIgnoreCase(name.strip())) {
					return kind;
				}
			}
			return null;
		}

		/**
		 * The name users type.
		 * @return e.g. {@code migrate}
		 */
		public String commandName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
