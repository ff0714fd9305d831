package io.github.webuimigrations.database;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The one-line reason of a failure, for messages: the first line of its root cause's message;
 * or, when the connection to the database was lost on the way, that loss and why, even where a
 * later error (a rollback on the dead connection: "Connection is closed") became the root cause.
 *
 * @author webui-migrations
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * The first line of the root cause's message (its class name if it has none), or the lost
	 * connection that caused it.
	 * @param failure the failure
	 * @return the reason
	 */
	public static String rootMessage(Throwable failure) {
		SQLException lost = lostConnection(failure);
		if (lost != null) {
			return "the connection to the database was lost (" + firstLine(lost) + ")";
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return firstLine(root);
	}

	/**
	 * The most telling SQL error in the failure's causes and suppressed errors that says the
	 * connection went away: the server ending it (SQLSTATE 57P01 to 57P03) before a broken link
	 * (08001, 08004, 08006) before a closed connection (08003).
	 */
	private static SQLException lostConnection(Throwable failure) {
		SQLException best = null;
		int bestRank = Integer.MAX_VALUE;
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> pending = new ArrayDeque<>();
		pending.add(failure);
		while (!pending.isEmpty() && seen.size() < 100) {
			Throwable next = pending.poll();
			if (next == null || !seen.add(next)) {
				continue;
			}
			if (next instanceof SQLException sql) {
				int rank = rank(sql.getSQLState());
				if (rank < bestRank) {
					best = sql;
					bestRank = rank;
				}
			}
			if (next.getCause() != null) {
				pending.add(next.getCause());
			}
			Collections.addAll(pending, next.getSuppressed());
		}
		return best;
	}

	private static int rank(String state) {
		if (state == null) {
			return Integer.MAX_VALUE;
		}
		if (state.startsWith("57P")) {
			return 0;
		}
		if (state.equals("08001") || state.equals("08004") || state.equals("08006")) {
			return 1;
		}
		return state.equals("08003") ? 2 : Integer.MAX_VALUE;
	}

	private static String firstLine(Throwable throwable) {
		String message = (throwable.getMessage() != null) ? throwable.getMessage() : throwable.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message).strip();
	}

}
