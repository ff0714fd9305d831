package io.github.webuimigrations.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.drift.SchemaDrift;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.orchestration.MigrationRun;
import io.github.webuimigrations.revisioned.OpenWebuiReleases;

/**
 * {@code /actuator/migrations}: both tiers in order, each migration with its state, and what
 * this process is doing to the database. Read-only by default: the rollback operation is only
 * exposed when {@code management.endpoint.migrations.access=unrestricted}.
 *
 * @author webui-migrations
 */
@Endpoint(id = "migrations", defaultAccess = Access.READ_ONLY)
public class MigrationsEndpoint {

	private final DatabaseMigrator migrator;

	public MigrationsEndpoint(DatabaseMigrator migrator) {
		this.migrator = migrator;
	}

	/**
	 * The state of both tiers.
	 * @return the description
	 */
	@ReadOperation
	public MigrationsDescriptor migrations() {
		MigrationRun.Snapshot run = this.migrator.run();
		RunDescriptor runDescriptor = new RunDescriptor(run.phase().name().toLowerCase(), run.startedAt(),
				run.finishedAt(), run.current(), run.failedMigration(), run.failure(), run.backup());
		List<MigrationInfo> infos;
		List<String> backups;
		List<HalfDoneDescriptor> halfDone;
		try {
			infos = this.migrator.info();
			backups = this.migrator.backups().stream().map(Object::toString).toList();
			halfDone = this.migrator.halfDone()
				.stream()
				.map((finding) -> new HalfDoneDescriptor(finding.migration(), finding.impact().name().toLowerCase(),
						finding.table(), finding.problem()))
				.toList();
		}
		catch (RuntimeException ex) {
			// the database cannot be read: say why (the messages never hold secrets)
			return new MigrationsDescriptor(false, "unknown", null, null, new OpenWebuiDescriptor(OpenWebuiReleases.STARTER,
					null), null, List.of(), runDescriptor, List.of(), List.of(), List.of(), ex.getMessage());
		}
		SchemaStatus status = SchemaStatus.of(infos);
		List<TierDescriptor> tiers = new ArrayList<>();
		for (Tier tier : Tier.values()) {
			List<MigrationDescriptor> migrations = new ArrayList<>();
			for (MigrationInfo info : infos) {
				if (info.tier() == tier) {
					migrations.add(MigrationDescriptor.of(info));
				}
			}
			tiers.add(new TierDescriptor(tier.name().toLowerCase(), migrations));
		}
		return new MigrationsDescriptor(status.isUpToDate(), status.level().name().toLowerCase(),
				status.legacyVersion(), status.revision(),
				new OpenWebuiDescriptor(OpenWebuiReleases.STARTER, status.openWebuiVersion()), status.adoption(),
				status.problems(), runDescriptor, tiers, backups, halfDone, null);
	}

	/**
	 * The drift check, {@code /actuator/migrations/drift}: the live schema against the one the
	 * migrations build at the database's recorded point (built in a scratch database; a
	 * result is reused for a few minutes).
	 * @param section {@code drift}
	 * @return the drift
	 */
	@ReadOperation
	public DriftDescriptor section(@Selector String section) {
		if (!section.equals("drift")) {
			throw new InvalidEndpointRequestException("Unknown section '" + section + "' (try drift)",
					"Unknown section");
		}
		SchemaDrift drift = this.migrator.drift();
		return new DriftDescriptor(drift.point(), drift.isEmpty(), drift.differences()
			.stream()
			.map((difference) -> new DifferenceDescriptor(difference.kind().name().toLowerCase(), difference.item(),
					difference.expected(), difference.actual()))
			.toList());
	}

	/**
	 * Roll back to a target, across tiers: a write operation, exposed only when the
	 * endpoint's access is unrestricted.
	 * @param target a legacy number ({@code 010}), a revision id, or {@code base}
	 * @return the state afterwards
	 */
	@WriteOperation
	public MigrationsDescriptor rollback(String target) {
		try {
			MigrationTarget parsed = this.migrator.target(target);
			if (parsed instanceof MigrationTarget.Head) {
				throw new MigrationException("Give a rollback target: a legacy migration, a revision id or base");
			}
			this.migrator.rollback(parsed);
		}
		catch (MigrationException ex) {
			// an unknown target or a refused rollback is the request's fault: 400 with the reason
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
		return migrations();
	}

	/**
	 * Both tiers and the verdict.
	 *
	 * @param upToDate whether every migration is applied and unchanged
	 * @param status up_to_date, behind, ahead, changed, or unknown if the database cannot be read
	 * @param legacyVersion the last applied legacy migration, none or skipped
	 * @param revision the last applied revision, or none
	 * @param openWebui the open-webui releases of this starter's schema and of the database's
	 * @param adoption how the database came to be managed here
	 * @param problems what is not as it should be
	 * @param run what this process is doing or did last
	 * @param tiers the legacy tier, then the revisioned tier
	 * @param backups the copies of a SQLite database taken before upgrades, newest first
	 * @param halfDone what open-webui left half-done: repaired by {@code migrate}, or reported as a
	 * possible repair (with its evidence and how to ask for it)
	 * @param error why the database could not be read, or {@code null}
	 */
	public record MigrationsDescriptor(boolean upToDate, String status, String legacyVersion, String revision,
			OpenWebuiDescriptor openWebui, String adoption, List<String> problems, RunDescriptor run,
			List<TierDescriptor> tiers, List<String> backups, List<HalfDoneDescriptor> halfDone, String error) {
	}

	/**
	 * Something open-webui left half-done.
	 *
	 * @param migration the revision (or {@code batch} for a rebuild's leftover table)
	 * @param impact repair (migrate completes it), possible_repair (reported only) or blocks
	 * @param table the table concerned
	 * @param problem what is undone, the evidence, and what migrate does or how to ask for it
	 */
	public record HalfDoneDescriptor(String migration, String impact, String table, String problem) {
	}

	/**
	 * The drift of the live schema.
	 *
	 * @param point what the expected schema was built to
	 * @param none whether nothing differs
	 * @param differences what is missing, extra or different
	 */
	public record DriftDescriptor(String point, boolean none, List<DifferenceDescriptor> differences) {
	}

	/**
	 * One item that differs.
	 *
	 * @param kind missing, extra or different
	 * @param item e.g. {@code column chat.timer_at}
	 * @param expected how it should be, or {@code null}
	 * @param actual how it is, or {@code null}
	 */
	public record DifferenceDescriptor(String kind, String item, String expected, String actual) {
	}

	/**
	 * Which open-webui release each schema is.
	 *
	 * @param starter the release whose schema this starter builds ({@code 0.11.4})
	 * @param database the release whose schema the database has ({@code 0.11.1 to 0.11.4},
	 * {@code 0.11.0}, {@code older than 0.11.0}, ...), or {@code null} if it cannot be read
	 */
	public record OpenWebuiDescriptor(String starter, String database) {
	}

	/**
	 * What this process is doing to the database.
	 *
	 * @param phase idle, migrating, rolling_back, succeeded or failed
	 * @param startedAt when the run started
	 * @param finishedAt when it ended
	 * @param current the migration being applied, with its progress through rows
	 * @param failedMigration the one that failed ({@code tier:id})
	 * @param failure why
	 * @param backup the copy of the database taken before the run, or {@code null}
	 */
	public record RunDescriptor(String phase, Instant startedAt, Instant finishedAt, MigrationRun.Current current,
			String failedMigration, String failure, String backup) {
	}

	/**
	 * One tier's migrations in order.
	 *
	 * @param tier legacy or revisioned
	 * @param migrations the migrations
	 */
	public record TierDescriptor(String tier, List<MigrationDescriptor> migrations) {
	}

	/**
	 * One migration.
	 *
	 * @param id legacy number or revision id
	 * @param description upstream name
	 * @param state applied, adopted, pending, running, failed, skipped or unknown
	 * @param installedOn when it was applied
	 * @param executionTime milliseconds it took, if known
	 * @param checksum the recorded checksum
	 * @param changed whether the recorded checksum differs from this version's
	 */
	public record MigrationDescriptor(String id, String description, String state, Instant installedOn,
			Integer executionTime, String checksum, boolean changed) {

		static MigrationDescriptor of(MigrationInfo info) {
			return new MigrationDescriptor(info.id(), info.description(), info.state().name().toLowerCase(),
					info.installedOn(), info.executionTimeMillis(), info.checksum(), info.changed());
		}

	}

}
