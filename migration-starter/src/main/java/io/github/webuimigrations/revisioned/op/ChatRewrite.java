package io.github.webuimigrations.revisioned.op;

import java.sql.SQLException;
import java.util.List;

/**
 * What a revision does to every chat, declared rather than done: the engine walks the chats
 * once for all the revisions of a one-pass group (or for one revision alone) and writes each
 * chat once. A revision registers here in its {@code upgrade}, after its schema changes; steps
 * run in chain order, each seeing what earlier steps set. Nothing registered, nothing walked.
 *
 * @author webui-migrations
 */
public interface ChatRewrite {

	/**
	 * Run a step on every chat, after the steps of earlier revisions. Steps run on a helper
	 * thread while the database writes the previous page: no database work in a step.
	 * @param reads the columns the step reads
	 * @param writes the columns the step sets
	 * @param step the step
	 */
	void everyChat(List<String> reads, List<Column> writes, Step step);

	/**
	 * Fill a column from another column of the same row, for every chat where no step sets it
	 * (the copy is made by the database, not read and written here).
	 * @param column the column
	 * @param source the column it is copied from
	 */
	void copy(String column, String source);

	/**
	 * Fill columns from the row of another table that has the chat's id, for the chats that
	 * have one ({@code table} has an {@code id} column and these columns).
	 * @param table the table holding the values
	 * @param columns the columns filled, named alike in both tables
	 */
	void fillFrom(String table, String... columns);

	/**
	 * Drop a column in the rewrite instead of in place.
	 * @param column the column
	 */
	void dropColumn(String column);

	/**
	 * Rows the steps add to another table ({@link RewrittenChat#add}), written as each page of
	 * chats is.
	 * @param table the table
	 * @param conflictKey as {@link RowWriter#insert}
	 * @param columns the columns of each row
	 */
	void insertInto(String table, String conflictKey, Column... columns);

	/**
	 * Steps read each chat's rows of another table ({@link RewrittenChat#rows}): those a step of
	 * the pass adds, or, when no step adds any, the table's own, read a page of chats at a time.
	 * @param table the table
	 * @param chatColumn its column holding the chat id
	 * @param columns the columns the steps read
	 */
	void readRowsOf(String table, String chatColumn, String... columns);

	/**
	 * Work to do once every chat is written, in the order registered.
	 * @param work the work
	 */
	void afterwards(AfterPass work);

	/**
	 * Called by {@link RevisionOperations}, not by revisions: take a SQLite
	 * {@code batch_alter_table} of {@code chat} into the pass's rebuild.
	 * @param batch the batch
	 * @return whether the pass makes it
	 */
	boolean deferRebuild(BatchAlterTable batch);

	/**
	 * Called by {@link RevisionOperations}, not by revisions: build an index on {@code chat}
	 * once the pass has written every row instead of keeping it up to date through the pass.
	 * @param sql the index's SQL
	 * @return whether the pass builds it
	 */
	boolean deferIndex(String sql);

	/**
	 * A revision's work on one chat.
	 */
	@FunctionalInterface
	interface Step {

		void apply(RewrittenChat chat);

	}

	/**
	 * Work on the database after the pass, in its transaction.
	 */
	@FunctionalInterface
	interface AfterPass {

		void run(RevisionOperations op) throws SQLException;

	}

}
