package io.github.webuimigrations.revisioned.op;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.RowProgress;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A scan visits every matching row once, in key order, a page at a time, and reports its
 * progress; the two-step scan prepares pages on a helper thread and still writes them in order,
 * and a failure while preparing reaches the caller.
 */
class KeysetScanTests {

	private static final int ROWS = 1_234;

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void visitsEveryMatchingRowOnceInKeyOrder(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				Connection connection = database.connection()) {
			List<long[]> progress = new ArrayList<>();
			RevisionOperations op = filled(connection, (done, total) -> progress.add(new long[] { done, total }));
			List<String> seen = new ArrayList<>();
			KeysetScan.forEachPage(op, "item", "id", List.of("n"), "n % 2 = 0", (rows) -> {
				assertThat(rows).hasSizeLessThanOrEqualTo(op.pageSize());
				rows.forEach((row) -> seen.add((String) row[0]));
			});
			assertThat(seen).hasSize(ROWS / 2).isSorted().doesNotHaveDuplicates();
			assertThat(progress.get(0)).containsExactly(0, ROWS / 2);
			assertThat(progress.get(progress.size() - 1)).containsExactly(ROWS / 2, ROWS / 2);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void preparesOnAHelperThreadAndWritesInPageOrder(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				Connection connection = database.connection()) {
			RevisionOperations op = filled(connection, RowProgress.NONE);
			Set<String> preparers = ConcurrentHashMap.newKeySet();
			List<String> written = new ArrayList<>();
			KeysetScan.forEachPage(op, "item", "id", List.of("n"), null, (rows) -> {
				preparers.add(Thread.currentThread().getName());
				return rows.stream().map((row) -> row[0] + "=" + row[1]).toList();
			}, (prepared) -> {
				written.addAll(prepared);
				// a write between the reads of the pages does not disturb the scan
				op.execute("UPDATE item SET n = -n WHERE id = ?", prepared.get(0).split("=")[0]);
			});
			assertThat(written).hasSize(ROWS).isSorted().doesNotHaveDuplicates();
			assertThat(written.get(0)).isEqualTo("item-00000=0");
			assertThat(preparers).doesNotContain(Thread.currentThread().getName());
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aFailureWhilePreparingReachesTheCaller(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				Connection connection = database.connection()) {
			RevisionOperations op = filled(connection, RowProgress.NONE);
			List<Integer> writes = new ArrayList<>();
			assertThatIllegalStateException().isThrownBy(() -> KeysetScan.forEachPage(op, "item", "id", List.of("n"), null,
					(rows) -> {
						if (rows.get(0)[0].equals("item-00500")) {
							throw new IllegalStateException("second page refused");
						}
						return rows.size();
					}, writes::add))
				.withMessage("second page refused");
			assertThat(writes).containsExactly(500);
		}
	}

	private static RevisionOperations filled(Connection connection, RowProgress progress) throws Exception {
		RevisionOperations op = new RevisionOperations(connection, progress, null, RevisionOperations.DEFAULT_PAGE_SIZE);
		op.createTable(TableDefinition.named("item")
			.column(Column.of("id", ColumnType.TEXT))
			.column(Column.of("n", ColumnType.INTEGER))
			.primaryKey("id"));
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (id, n) VALUES (?, ?)")) {
			for (int i = ROWS - 1; i >= 0; i--) {
				insert.setString(1, String.format("item-%05d", i));
				insert.setInt(2, i);
				insert.addBatch();
			}
			insert.executeBatch();
		}
		return op;
	}

}
