package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.Evidence;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 37f288994c47_add_group_member_table}: unless {@code group_member} exists, create it,
 * turn each group's {@code user_ids} list into member rows, and drop {@code group.user_ids}.
 * Upstream stops the upgrade on an id listed twice in one group and (PostgreSQL) on the id of a
 * deleted user; we list each member once and leave out ids of users that no longer exist,
 * logging them (docs/deviations.md).
 */
public class R37f288994c47__add_group_member_table extends Revision {

	private static final Log logger = LogFactory.getLog(R37f288994c47__add_group_member_table.class);

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (op.hasTable("group_member")) {
			return;
		}
		op.createTable(TableDefinition.named("group_member")
			.column(Column.of("id", TEXT).notNull())
			.column(Column.of("group_id", TEXT).notNull())
			.column(Column.of("user_id", TEXT).notNull())
			.column("created_at", BIG_INTEGER)
			.column("updated_at", BIG_INTEGER)
			.primaryKey("id")
			.unique("id")
			.foreignKey("FOREIGN KEY(group_id) REFERENCES \"group\" (id) ON DELETE CASCADE")
			.foreignKey("FOREIGN KEY(user_id) REFERENCES \"user\" (id) ON DELETE CASCADE")
			.uniqueNamed("uq_group_member_group_user", "group_id", "user_id"));
		if (op.hasColumn("group", "user_ids")) {
			copyMembers(op);
		}
	}

	/**
	 * Upstream's guard skips the whole revision once {@code group_member} exists: after a
	 * failed first run (a group listing a user twice) the groups keep {@code user_ids} and
	 * have no members. The trace is {@code group.user_ids} itself, standing beside
	 * {@code group_member}: a run that completes drops it, and nothing in open-webui adds a
	 * column. Groups a user emptied through the UI have no {@code user_ids} column, so they are
	 * never taken for this.
	 */
	@Override
	public HalfApplied halfApplied(RevisionOperations op) throws SQLException {
		if (!op.hasTable("group_member") || !op.hasTable("group") || !op.hasColumn("group", "user_ids")) {
			return null;
		}
		List<String> groups = op.strings("SELECT id FROM \"group\" ORDER BY id");
		return new HalfApplied("group_member exists but the " + Evidence.some(groups, "group")
				+ " still list their users in group.user_ids", "group.user_ids beside group_member (a completed "
						+ "37f288994c47 drops it)",
				"makes each listed user a member once and drops group.user_ids");
	}

	@Override
	public void completeHalfApplied(RevisionOperations op, boolean asked) throws SQLException {
		copyMembers(op);
	}

	/** Each user a group lists becomes a member, once; then {@code group.user_ids} goes. */
	private static void copyMembers(RevisionOperations op) throws SQLException {
		long now = System.currentTimeMillis() / 1000;
		try (PreparedStatement userExists = op.connection().prepareStatement("SELECT 1 FROM \"user\" WHERE id = ?");
				// a member added since (a repair of a half-done run) is not added twice
				PreparedStatement insert = op.connection().prepareStatement("INSERT INTO group_member (id, group_id, "
						+ "user_id, created_at, updated_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM "
						+ "group_member WHERE group_id = ? AND user_id = ?)")) {
			KeysetScan.forEachPage(op, "group", "id", List.of("user_ids"), (rows) -> {
				for (Object[] row : rows) {
					for (String userId : members(row[1])) {
						userExists.setString(1, userId);
						try (ResultSet found = userExists.executeQuery()) {
							if (!found.next()) {
								logger.warn("Group " + row[0] + " lists user " + userId
										+ ", who no longer exists: not made a member");
								continue;
							}
						}
						insert.setString(1, UUID.randomUUID().toString());
						insert.setObject(2, row[0]);
						insert.setString(3, userId);
						insert.setLong(4, now);
						insert.setLong(5, now);
						insert.setObject(6, row[0]);
						insert.setString(7, userId);
						insert.addBatch();
					}
				}
				insert.executeBatch();
			});
		}
		op.batch("group", (batch) -> batch.dropColumn("user_ids"));

	}

	@Override
	public void upstreamOnly(RevisionOperations op, PreflightFindings findings) throws SQLException {
		if (op.hasTable("group_member") || !op.hasTable("group") || !op.hasColumn("group", "user_ids")) {
			return;
		}
		try (PreparedStatement userExists = op.connection().prepareStatement("SELECT 1 FROM \"user\" WHERE id = ?")) {
			KeysetScan.forEachPage(op, "group", "id", List.of("user_ids"), (rows) -> {
				for (Object[] row : rows) {
					List<String> listed = listed(row[1]);
					Set<String> seen = new LinkedHashSet<>();
					for (String userId : listed) {
						if (!seen.add(userId)) {
							findings.upstreamOnly("group", (String) row[0], "lists user " + userId
									+ " twice; open-webui stops on the unique key, this starter makes one member");
							continue;
						}
						userExists.setString(1, userId);
						try (ResultSet found = userExists.executeQuery()) {
							if (!found.next()) {
								findings.upstreamOnly("group", (String) row[0], "lists user " + userId
										+ ", who no longer exists; open-webui stops on PostgreSQL's foreign key, "
										+ "this starter leaves the id out");
							}
						}
					}
				}
			});
		}
	}

	/** A group's user_ids as upstream reads them, each id once. */
	private static Set<String> members(Object value) {
		return new LinkedHashSet<>(listed(value));
	}

	/** A group's user_ids as listed: a list, or a string holding one. */
	private static List<String> listed(Object value) {
		List<String> listed = new ArrayList<>();
		if (value == null) {
			return listed;
		}
		Object list;
		try {
			list = PythonJson.parse(value.toString());
			if (list instanceof String text) {
				list = PythonJson.parse(text);
			}
		}
		catch (PythonJson.InvalidJsonException ex) {
			return listed;
		}
		if (list instanceof List<?> ids) {
			ids.forEach((id) -> listed.add(String.valueOf(id)));
		}
		return listed;
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.batch("group", (batch) -> batch.addColumn(Column.of("user_ids", JSON)));
		try (PreparedStatement members = op.connection()
			.prepareStatement("SELECT user_id FROM group_member WHERE group_id = ? ORDER BY created_at, user_id");
				PreparedStatement update = op.connection()
					.prepareStatement("UPDATE \"group\" SET user_ids = " + op.jsonPlaceholder() + " WHERE id = ?")) {
			KeysetScan.forEachPage(op, "group", "id", List.of(), (rows) -> {
				for (Object[] row : rows) {
					List<String> ids = new ArrayList<>();
					members.setObject(1, row[0]);
					try (ResultSet result = members.executeQuery()) {
						while (result.next()) {
							ids.add(result.getString(1));
						}
					}
					update.setString(1, PythonJson.dumps(ids));
					update.setObject(2, row[0]);
					update.addBatch();
				}
				update.executeBatch();
			});
		}
		op.dropTable("group_member");
	}

}
