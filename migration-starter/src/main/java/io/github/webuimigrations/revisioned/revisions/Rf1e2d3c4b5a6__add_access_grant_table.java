package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code f1e2d3c4b5a6_add_access_grant_table}: the {@code access_grant} table, filled from the
 * {@code access_control} JSON of knowledge, prompts, tools, models, notes, channels and files
 * (NULL: public read, except files; {@code {}}: private; read/write lists: one grant each),
 * then {@code access_control} leaves those tables. Upstream stops on {@code {"read": null}}; we
 * read it as no grants.
 */
public class Rf1e2d3c4b5a6__add_access_grant_table extends Revision {

	private static final List<String> RESOURCES = List.of("knowledge", "prompt", "tool", "model", "note", "channel", "file");

	private static final String[] PERMISSIONS = { "read", "write" };

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		Set<String> existing = op.tableNames();
		if (!existing.contains("access_grant")) {
			op.createTable(TableDefinition.named("access_grant")
				.column("id", TEXT)
				.column(Column.of("resource_type", TEXT).notNull())
				.column(Column.of("resource_id", TEXT).notNull())
				.column(Column.of("principal_type", TEXT).notNull())
				.column(Column.of("principal_id", TEXT).notNull())
				.column(Column.of("permission", TEXT).notNull())
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.primaryKey("id")
				.uniqueNamed("uq_access_grant_grant", "resource_type", "resource_id", "principal_type", "principal_id",
						"permission"));
			op.createIndex("idx_access_grant_resource", "access_grant", false, "resource_type", "resource_id");
			op.createIndex("idx_access_grant_principal", "access_grant", false, "principal_type", "principal_id");
		}
		long now = System.currentTimeMillis() / 1000;
		try (PreparedStatement insert = op.connection().prepareStatement("INSERT INTO access_grant (id, resource_type, "
				+ "resource_id, principal_type, principal_id, permission, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
				+ "ON CONFLICT DO NOTHING")) {
			for (String table : RESOURCES) {
				if (existing.contains(table) && op.hasColumn(table, "access_control") && op.hasColumn(table, "id")) {
					KeysetScan.forEachPage(op, table, "id", List.of("access_control"), (rows) -> {
						for (Object[] row : rows) {
							for (String[] grant : grants(table, row[1], op.isSqlite())) {
								insert.setString(1, UUID.randomUUID().toString());
								insert.setString(2, table);
								insert.setObject(3, row[0]);
								insert.setString(4, grant[0]);
								insert.setString(5, grant[1]);
								insert.setString(6, grant[2]);
								insert.setLong(7, now);
								insert.addBatch();
							}
						}
						insert.executeBatch();
					});
				}
			}
		}
		for (String table : RESOURCES) {
			if (op.hasTable(table) && op.hasColumn(table, "access_control")) {
				op.batch(table, (batch) -> batch.dropColumn("access_control"));
			}
		}
	}

	/** The grants (principal type, principal id, permission) an access_control value stands for. */
	static List<String[]> grants(String table, Object value, boolean sqlite) {
		List<String[]> grants = new ArrayList<>();
		if (value == null || value.toString().strip().equalsIgnoreCase("null")) {
			if (!table.equals("file")) {
				grants.add(new String[] { "user", "*", "read" });
			}
			return grants;
		}
		Object parsed;
		try {
			parsed = PythonJson.parse(value.toString());
			// psycopg2 hands PostgreSQL's json over decoded, and upstream then decodes a string once more
			if (!sqlite && parsed instanceof String text) {
				parsed = PythonJson.parse(text);
			}
		}
		catch (PythonJson.InvalidJsonException ex) {
			return grants;
		}
		if (!(parsed instanceof Map<?, ?> control) || control.isEmpty()) {
			return grants;
		}
		for (String permission : PERMISSIONS) {
			if (control.get(permission) instanceof Map<?, ?> principals) {
				addAll(grants, principals.get("group_ids"), "group", permission);
				addAll(grants, principals.get("user_ids"), "user", permission);
			}
		}
		return grants;
	}

	private static void addAll(List<String[]> grants, Object ids, String type, String permission) {
		if (ids instanceof List<?> list) {
			list.forEach((id) -> grants.add(new String[] { type, String.valueOf(id), permission }));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		try (PreparedStatement select = op.connection().prepareStatement("SELECT principal_type, principal_id, permission "
				+ "FROM access_grant WHERE resource_type = ? AND resource_id = ? ORDER BY created_at, principal_type, principal_id")) {
			for (String table : RESOURCES) {
				if (!op.hasTable(table)) {
					continue;
				}
				if (!op.hasColumn(table, "access_control")) {
					op.addColumn(table, Column.of("access_control", JSON));
				}
				try (PreparedStatement update = op.connection().prepareStatement("UPDATE " + RevisionOperations.quote(table)
						+ " SET access_control = " + op.jsonPlaceholder() + " WHERE id = ?")) {
					KeysetScan.forEachPage(op, table, "id", List.of(), (rows) -> {
						for (Object[] row : rows) {
							select.setString(1, table);
							select.setObject(2, row[0]);
							update.setString(1, accessControl(table, select));
							update.setObject(2, row[0]);
							update.addBatch();
						}
						update.executeBatch();
					});
				}
			}
		}
		op.dropIndex("idx_access_grant_resource");
		op.dropIndex("idx_access_grant_principal");
		op.dropTable("access_grant");
	}

	/** Upstream's downgrade: public read is NULL, other grants an object, none {} (files: NULL). */
	private static String accessControl(String table, PreparedStatement select) throws SQLException {
		Map<String, Map<String, List<String>>> control = new LinkedHashMap<>();
		boolean any = false;
		boolean publicRead = false;
		for (String permission : PERMISSIONS) {
			Map<String, List<String>> principals = new LinkedHashMap<>();
			principals.put("group_ids", new ArrayList<>());
			principals.put("user_ids", new ArrayList<>());
			control.put(permission, principals);
		}
		try (ResultSet grants = select.executeQuery()) {
			while (grants.next()) {
				String type = grants.getString(1);
				String id = grants.getString(2);
				String permission = grants.getString(3);
				if (type.equals("user") && id.equals("*") && permission.equals("read")) {
					publicRead = true;
				}
				else if (control.containsKey(permission)) {
					control.get(permission).get(type.equals("group") ? "group_ids" : "user_ids").add(id);
					any = true;
				}
			}
		}
		if (publicRead) {
			return null;
		}
		if (any) {
			return PythonJson.dumps(control);
		}
		return table.equals("file") ? null : "{}";
	}

}
