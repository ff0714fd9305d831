package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 56359461a091_add_calendar_tables}: {@code calendar}, {@code calendar_event} and
 * {@code calendar_event_attendee} with their indexes, each if missing; no foreign keys.
 */
public class R56359461a091__add_calendar_tables extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("calendar")) {
			op.createTable(TableDefinition.named("calendar")
				.column("id", TEXT)
				.column(Column.of("user_id", TEXT).notNull())
				.column(Column.of("name", TEXT).notNull())
				.column("color", TEXT)
				.column(Column.of("is_default", BOOLEAN).notNull())
				.column("data", JSON)
				.column("meta", JSON)
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id"));
			op.createIndex("ix_calendar_user", "calendar", false, "user_id");
		}
		if (!op.hasTable("calendar_event")) {
			op.createTable(TableDefinition.named("calendar_event")
				.column("id", TEXT)
				.column(Column.of("calendar_id", TEXT).notNull())
				.column(Column.of("user_id", TEXT).notNull())
				.column(Column.of("title", TEXT).notNull())
				.column("description", TEXT)
				.column(Column.of("start_at", BIG_INTEGER).notNull())
				.column("end_at", BIG_INTEGER)
				.column(Column.of("all_day", BOOLEAN).notNull())
				.column("rrule", TEXT)
				.column("color", TEXT)
				.column("location", TEXT)
				.column("data", JSON)
				.column("meta", JSON)
				.column(Column.of("is_cancelled", BOOLEAN).notNull())
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id"));
			op.createIndex("ix_calendar_event_calendar", "calendar_event", false, "calendar_id", "start_at");
			op.createIndex("ix_calendar_event_user_date", "calendar_event", false, "user_id", "start_at");
		}
		if (!op.hasTable("calendar_event_attendee")) {
			op.createTable(TableDefinition.named("calendar_event_attendee")
				.column("id", TEXT)
				.column(Column.of("event_id", TEXT).notNull())
				.column(Column.of("user_id", TEXT).notNull())
				.column(Column.of("status", TEXT).notNull())
				.column("meta", JSON)
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id")
				.uniqueNamed("uq_event_attendee", "event_id", "user_id"));
			op.createIndex("ix_calendar_event_attendee_user", "calendar_event_attendee", false, "user_id", "status");
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropIndex("ix_calendar_event_attendee_user");
		op.dropIndex("ix_calendar_event_user_date");
		op.dropIndex("ix_calendar_event_calendar");
		op.dropIndex("ix_calendar_user");
		op.dropTable("calendar_event_attendee");
		op.dropTable("calendar_event");
		op.dropTable("calendar");
	}

}
