package io.github.webuimigrations.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory does not grow with the data: the benchmark's 60,000 chats shaped like users' (about
 * 420 MB of chat JSON, converted, re-tagged and backfilled into some 570,000 messages) migrate
 * from c0fbf31ca0db to head in a JVM limited to 96 MB of heap, which could not hold the table.
 */
class BoundedMemoryIT {

	@TempDir
	Path directory;

	@Test
	void sixtyThousandChatsMigrateInA96MegabyteHeap() throws Exception {
		SampleAppJar.Result bench = SampleAppJar.runWith(List.of("-Xmx96m"), Duration.ofMinutes(10), this.directory,
				Map.of("DATABASE_URL", "sqlite:///" + this.directory.resolve("bench.db")), "bench", "--chats", "60000",
				"--users", "200");
		assertThat(bench.exitCode()).as(bench.all()).isZero();
		assertThat(bench.out()).contains("60,000 realistic chats inserted", "242a2047eae0_update_chat_table",
				"8452d01d26d7_add_chat_message_table", "whole upgrade");
		assertThat(bench.all()).doesNotContain("OutOfMemoryError");
	}

}
