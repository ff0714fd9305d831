package io.github.webuimigrations.revisioned.revisions;

import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.json.PythonInt;
import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;

/**
 * {@code d4c1a8e37b62_add_chat_timer_at_and_chat_indexes}: {@code chat.timer_at}, filled for
 * pending timer chats from {@code meta.timer_at} with Python's {@code int()} (a due time that
 * is not an integer is skipped, as upstream skips it), and five indexes for the chat list,
 * unread counts and timers. No existence guards, as upstream. Upstream stops on a due time
 * that is an infinite float or does not fit 64 bits, and on SQLite on a {@code meta} that is
 * not JSON; we leave such a chat without a timer and say so (docs/deviations.md).
 */
public class Rd4c1a8e37b62__add_chat_timer_at_and_chat_indexes extends Revision {

	private static final Log logger = LogFactory.getLog(Rd4c1a8e37b62__add_chat_timer_at_and_chat_indexes.class);

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		op.addColumn("chat", Column.of("timer_at", BIG_INTEGER));
		op.execute("CREATE INDEX timer_at_idx ON chat (timer_at) WHERE timer_at IS NOT NULL");
		backfillPendingTimers(op);
		op.execute("CREATE INDEX user_id_updated_at_id_idx ON chat (user_id, updated_at DESC, id)");
		op.execute("CREATE INDEX user_id_timer_at_idx ON chat (user_id, timer_at) WHERE timer_at IS NOT NULL");
		op.createIndex("user_id_folder_unread_idx", "chat", false, "user_id", "folder_id", "archived", "updated_at",
				"last_read_at", "id");
		op.createIndex("chat_message_chat_role_done_idx", "chat_message", false, "chat_id", "role", "done");
	}

	private static void backfillPendingTimers(RevisionOperations op) throws SQLException {
		try (PreparedStatement update = op.connection().prepareStatement("UPDATE chat SET timer_at = ? WHERE id = ?")) {
			KeysetScan.forEachPage(op, "chat", "id", List.of("meta"), pendingTimer(op), (rows) -> {
				List<Object[]> due = new ArrayList<>(rows.size());
				for (Object[] row : rows) {
					Due timer = due(row[1]);
					if (timer.problem() != null) {
						logger.warn("Chat " + row[0] + ": " + timer.problem() + "; left without a timer");
					}
					else if (timer.at() != null) {
						due.add(new Object[] { timer.at(), row[0] });
					}
				}
				return due;
			}, (due) -> {
				for (Object[] row : due) {
					update.setLong(1, (Long) row[0]);
					update.setObject(2, row[1]);
					update.addBatch();
				}
				update.executeBatch();
			});
		}
	}

	@Override
	public void upstreamOnly(RevisionOperations op, PreflightFindings findings) throws SQLException {
		if (!op.hasTable("chat") || !op.hasColumn("chat", "meta")) {
			return;
		}
		if (op.isSqlite()) {
			for (String id : op.strings("SELECT id FROM chat WHERE meta IS NOT NULL AND NOT json_valid(meta) ORDER BY id")) {
				findings.upstreamOnly("chat", id, "meta is not JSON; open-webui's timer backfill stops on it (JSON_EXTRACT), "
						+ "this starter leaves the chat without a timer");
			}
		}
		KeysetScan.forEachPage(op, "chat", "id", List.of("meta"), pendingTimer(op), (rows) -> {
			for (Object[] row : rows) {
				Due timer = due(row[1]);
				if (timer.problem() != null) {
					findings.upstreamOnly("chat", row[0].toString(), timer.problem()
							+ "; open-webui stops here, this starter leaves the chat without a timer");
				}
			}
		});
	}

	/**
	 * Upstream's filter, per dialect: {@code meta.type} and {@code meta.status} are the JSON
	 * strings {@code "timer"} and {@code "pending"}. On SQLite a meta that is not JSON does not
	 * match (upstream's JSON_EXTRACT raises on it).
	 */
	private static String pendingTimer(RevisionOperations op) {
		if (op.isSqlite()) {
			return "CASE WHEN json_valid(meta) THEN JSON_EXTRACT(meta, '$.\"type\"') END = 'timer' "
					+ "AND CASE WHEN json_valid(meta) THEN JSON_EXTRACT(meta, '$.\"status\"') END = 'pending'";
		}
		return "CAST((meta ->> 'type') AS VARCHAR) = 'timer' AND CAST((meta ->> 'status') AS VARCHAR) = 'pending'";
	}

	/** {@code int(meta.get('timer_at'))}: the due time, nothing (skipped), or why upstream would stop. */
	private static Due due(Object meta) {
		Object value;
		try {
			value = (PythonJson.parse(meta.toString()) instanceof Map<?, ?> map) ? map.get("timer_at") : null;
		}
		catch (PythonJson.InvalidJsonException ex) {
			return new Due(null, "meta is not JSON that Python reads (" + ex.getMessage() + ")");
		}
		try {
			BigInteger due = PythonInt.of(value);
			if (due == null) {
				return new Due(null, null);
			}
			if (due.bitLength() > 63) {
				return new Due(null, "meta.timer_at " + due + " does not fit a 64-bit integer");
			}
			return new Due(due.longValueExact(), null);
		}
		catch (ArithmeticException ex) {
			return new Due(null, "meta.timer_at " + value + " is an infinite number");
		}
	}

	private record Due(Long at, String problem) {
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropIndex("chat_message_chat_role_done_idx");
		op.dropIndex("user_id_folder_unread_idx");
		op.dropIndex("user_id_timer_at_idx");
		op.dropIndex("user_id_updated_at_id_idx");
		op.dropIndex("timer_at_idx");
		op.dropColumn("chat", "timer_at");
	}

}
