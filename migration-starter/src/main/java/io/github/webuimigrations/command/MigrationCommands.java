package io.github.webuimigrations.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationBlockedException;
import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.database.DatabaseSettingsException;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.drift.SchemaDrift;
import io.github.webuimigrations.orchestration.DatabaseMigrator;

/**
 * Runs one {@link MigrationCommand} against a migrator, printing what it finds, and answers
 * with the exit code: {@value #OK} success, {@value #FAILED} a migration or setting failed (one
 * line on stderr says why), {@value #USAGE} a usage error, {@value #NOT_READY} the database is
 * not up to date ({@code validate}), differs ({@code drift}) or has rows that stop a pending
 * migration ({@code preflight}, and {@code migrate}, which then changes nothing).
 *
 * @author webui-migrations
 */
public class MigrationCommands {

	private static final Log logger = LogFactory.getLog(MigrationCommands.class);

	/** Success. */
	public static final int OK = 0;

	/** A migration failed or the database cannot be used. */
	public static final int FAILED = 1;

	/** The command line is wrong. */
	public static final int USAGE = 2;

	/** validate: not up to date; drift: differs; preflight, migrate: rows stop a pending migration. */
	public static final int NOT_READY = 3;

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * Commands that print to these streams.
	 * @param out where results go
	 * @param err where the one-line reason of a failure goes
	 */
	public MigrationCommands(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * Run a command.
	 * @param command the command
	 * @param migrator the application's migrator
	 * @return the exit code
	 */
	public int run(MigrationCommand command, DatabaseMigrator migrator) {
		try {
			return switch (command.kind()) {
				case MIGRATE -> migrate(migrator, migrator.target(command.target()));
				case ROLLBACK -> rollback(migrator, command.target());
				case RESTORE -> restore(migrator, command.restoreFrom());
				case VALIDATE -> validate(migrator);
				case PREFLIGHT -> list(migrator.preflight());
				case DRIFT -> {
					long start = System.nanoTime();
					SchemaDrift drift = migrator.drift();
					this.out.print(CommandOutput.drift(drift, command.json(), (System.nanoTime() - start) / 1_000_000));
					yield drift.isEmpty() ? OK : NOT_READY;
				}
				case INFO -> {
					List<MigrationInfo> infos = migrator.info();
					this.out.print(command.json() ? CommandOutput.json(infos) + String.format("%n")
							: CommandOutput.table(infos) + CommandOutput.halfDone(migrator.halfDone())
									+ CommandOutput.backups(migrator.backups()));
					yield OK;
				}
			};
		}
		catch (RuntimeException ex) {
			this.err.println("error: " + reason(ex));
			// the whole story for whoever asks: --logging.level.io.github.webuimigrations.command=DEBUG
			logger.debug("The command failed", ex);
			return FAILED;
		}
	}

	private int migrate(DatabaseMigrator migrator, MigrationTarget target) {
		try {
			migrator.migrate(target);
		}
		catch (MigrationBlockedException ex) {
			// nothing changed: list the rows as preflight does, then the one-line reason
			list(ex.blockers());
			this.err.println("error: " + ex.getMessage());
			return NOT_READY;
		}
		this.out.println("Migrated to " + target);
		return OK;
	}

	private int rollback(DatabaseMigrator migrator, String text) {
		if (text == null || text.isBlank()) {
			this.err.println("error: rollback needs --to <target> (a legacy migration, a revision or base; try: help)");
			return USAGE;
		}
		MigrationTarget target = migrator.target(text);
		if (target instanceof MigrationTarget.Head) {
			this.err.println("error: rollback needs a target below head (a legacy migration, a revision or base)");
			return USAGE;
		}
		migrator.rollback(target);
		this.out.println("Rolled back to " + target);
		return OK;
	}

	private int restore(DatabaseMigrator migrator, String backup) {
		if (backup == null || backup.isBlank()) {
			this.err.println("error: restore needs --from <backup file> (info lists the backups; try: help)");
			return USAGE;
		}
		migrator.restore(Path.of(backup));
		SchemaStatus status = migrator.status();
		this.out.println("Restored " + backup + ": " + status.revision() + " (open-webui " + status.openWebuiVersion()
				+ ")");
		return OK;
	}

	private int validate(DatabaseMigrator migrator) {
		SchemaStatus status = migrator.status();
		if (status.isUpToDate()) {
			this.out.println("Up to date: legacy tier at " + status.legacyVersion() + ", revision " + status.revision());
			return OK;
		}
		this.out.println("Not up to date (" + status.level().name().toLowerCase() + "):");
		status.problems().forEach((problem) -> this.out.println("  " + problem));
		return NOT_READY;
	}

	private int list(List<PreflightFinding> findings) {
		for (PreflightFinding finding : findings) {
			this.out.println(CommandOutput.label(finding) + finding);
		}
		this.out.println(CommandOutput.summary(findings));
		return (CommandOutput.count(findings, PreflightFinding.Impact.BLOCKS) > 0) ? NOT_READY : OK;
	}

	/**
	 * The migrations as the {@code info} command prints them.
	 * @param infos the migrations
	 * @return the table, with a line per tier and the database's release after it
	 */
	public static String table(List<MigrationInfo> infos) {
		return CommandOutput.table(infos);
	}

	/**
	 * The one-line reason of a failure: a migration's or a setting's own message, else the
	 * first line of the root cause.
	 * @param failure the failure
	 * @return the reason
	 */
	public static String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MigrationException || cause instanceof DatabaseSettingsException) {
				return cause.getMessage();
			}
		}
		return Failures.rootMessage(failure);
	}

}
