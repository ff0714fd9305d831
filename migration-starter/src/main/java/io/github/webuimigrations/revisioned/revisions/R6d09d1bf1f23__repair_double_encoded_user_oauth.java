package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * {@code 6d09d1bf1f23_repair_double_encoded_user_oauth}: undoes one level of the double
 * encoding {@code b10670c03dd5} gave {@code user.oauth} upstream (a JSON string holding the
 * object): a string that parses to a JSON object is written back as that object. Everything
 * else is left alone. Upstream stops on {@code oauth} text that is not JSON (SQLite) and on
 * an object holding NaN or Infinity (PostgreSQL's json refuses it); we leave those rows as
 * they are (docs/deviations.md). No schema change; the downgrade does nothing.
 */
public class R6d09d1bf1f23__repair_double_encoded_user_oauth extends Revision {

	private static final Log logger = LogFactory.getLog(R6d09d1bf1f23__repair_double_encoded_user_oauth.class);

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("user") || !op.hasColumn("user", "oauth")) {
			return;
		}
		try (PreparedStatement update = op.connection()
			.prepareStatement("UPDATE \"user\" SET oauth = " + op.jsonPlaceholder() + " WHERE id = ?")) {
			KeysetScan.forEachPage(op, "user", "id", List.of("oauth"), "oauth IS NOT NULL", (rows) -> {
				for (Object[] row : rows) {
					Repair repair = repair(op, row[1].toString());
					if (repair.problem() != null) {
						logger.warn("User " + row[0] + ": oauth " + repair.problem() + "; left as it is");
					}
					else if (repair.json() != null) {
						update.setString(1, repair.json());
						update.setObject(2, row[0]);
						update.addBatch();
					}
				}
				update.executeBatch();
			});
		}
	}

	@Override
	public void upstreamOnly(RevisionOperations op, PreflightFindings findings) throws SQLException {
		if (!op.hasTable("user") || !op.hasColumn("user", "oauth")) {
			return;
		}
		KeysetScan.forEachPage(op, "user", "id", List.of("oauth"), "oauth IS NOT NULL", (rows) -> {
			for (Object[] row : rows) {
				Repair repair = repair(op, row[1].toString());
				if (repair.problem() != null) {
					findings.upstreamOnly("user", row[0].toString(), "oauth " + repair.problem()
							+ "; open-webui stops here, this starter leaves the value as it is");
				}
			}
		});
	}

	/** What to write for one stored value: nothing, the repaired JSON, or why upstream would stop. */
	private static Repair repair(RevisionOperations op, String stored) {
		Object value;
		try {
			value = PythonJson.parse(stored);
		}
		catch (PythonJson.InvalidJsonException ex) {
			return new Repair(null, "is not JSON");
		}
		if (!(value instanceof String text)) {
			return new Repair(null, null);
		}
		Object decoded;
		try {
			decoded = PythonJson.parse(text);
		}
		catch (PythonJson.InvalidJsonException ex) {
			return new Repair(null, null);
		}
		if (!(decoded instanceof Map<?, ?>)) {
			return new Repair(null, null);
		}
		if (!op.isSqlite() && !PythonJson.isFinite(decoded)) {
			return new Repair(null, "holds an object with NaN or Infinity, which PostgreSQL's json refuses");
		}
		return new Repair(PythonJson.dumps(decoded), null);
	}

	private record Repair(String json, String problem) {
	}

	@Override
	protected void downgrade(RevisionOperations op) {
	}

}
