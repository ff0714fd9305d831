package io.github.webuimigrations.revisioned;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * How a run applies its pending revisions: in stretches that Liquibase runs one revision per
 * transaction, and at most one one-pass group, from the first revision whose
 * {@link Revision#chatRewriteRole role} is {@code MEMBER} to the last, in one transaction with
 * one pass over {@code chat}. Made from the revisions' own declarations before any runs.
 *
 * @param steps the stretches and the group, in chain order
 * @param rewritesChat whether each revision rewrites every chat, by id
 * @author webui-migrations
 */
record RevisionPlan(List<Step> steps, Map<String, Boolean> rewritesChat) {

	/**
	 * Plan the revisions {@code [from, to)} of the chain.
	 * @param from the first pending revision's index
	 * @param to one past the last revision to apply
	 * @param op operations on a connection of the database, to read it
	 * @param onePass whether the revisions that rewrite every chat may share one pass
	 * @return the plan
	 * @throws SQLException on a database error
	 */
	static RevisionPlan of(int from, int to, RevisionOperations op, boolean onePass) throws SQLException {
		Map<String, Boolean> rewritesChat = new HashMap<>();
		List<Integer> members = new ArrayList<>();
		boolean alone = false;
		// no chat table yet (a fresh database): no chat to rewrite
		if (op.hasTable("chat")) {
			for (int index = from; index < to; index++) {
				Revision revision = Revisions.CHAIN.get(index);
				Revision.ChatRewriteRole role = revision.chatRewriteRole(op);
				rewritesChat.put(revision.id(), role != Revision.ChatRewriteRole.NONE);
				if (role == Revision.ChatRewriteRole.MEMBER) {
					members.add(index);
				}
				alone |= role == Revision.ChatRewriteRole.ALONE;
			}
		}
		List<Step> steps = new ArrayList<>();
		if (!onePass || alone || members.size() < 2) {
			steps.add(new Step(from, to - 1, false));
		}
		else {
			int first = members.get(0);
			int last = members.get(members.size() - 1);
			if (first > from) {
				steps.add(new Step(from, first - 1, false));
			}
			steps.add(new Step(first, last, true));
			if (last + 1 < to) {
				steps.add(new Step(last + 1, to - 1, false));
			}
		}
		return new RevisionPlan(steps, rewritesChat);
	}

	/**
	 * Revisions of the chain to apply together.
	 *
	 * @param first the first one's index
	 * @param last the last one's index
	 * @param group whether they are a one-pass group (else each runs alone)
	 */
	record Step(int first, int last, boolean group) {

		int size() {
			return this.last - this.first + 1;
		}

	}

}
