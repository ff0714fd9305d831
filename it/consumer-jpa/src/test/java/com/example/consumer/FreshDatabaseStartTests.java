package com.example.consumer;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import io.github.webuimigrations.orchestration.DatabaseMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on an empty database: open-webui's migrations run before Hibernate
 * validates its entities and before the application's own Flyway, which then adds its table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FreshDatabaseStartTests {

	@Autowired
	UserRepository users;

	@Autowired
	NoteRepository notes;

	@Autowired
	DatabaseMigrator migrator;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	@Test
	void startsWithTheSchemaValidatedAndBothFlywaysApplied() {
		assertThat(this.migrator.status().isUpToDate()).isTrue();
		assertThat(this.users.count()).isZero();
		this.users.save(new User("u1", "Ada", "ada@example.com", "admin", 1_700_000_000L));
		this.notes.save(new Note(1L, "u1", "hello"));
		assertThat(this.users.findByEmail("ada@example.com")).get().extracting(User::getName).isEqualTo("Ada");
		// each Flyway with its own history: open-webui's legacy tier, then the application's V1
		assertThat(this.jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE success = "
				+ booleanTrue() + " ORDER BY installed_rank", String.class)).containsExactly("0", "1");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM flyway_legacy_history", Integer.class)).isPositive();
		assertThat(this.jdbc.queryForList("SELECT DISTINCT liquibase FROM databasechangelog", String.class))
			.containsExactly("4.33.0");
	}

	@Test
	void healthAnswersWithTheMigrations() {
		Map<?, ?> health = RestClient.create("http://localhost:" + this.port + "/actuator/health")
			.get()
			.retrieve()
			.body(Map.class);
		assertThat(health.get("status")).isEqualTo("UP");
	}

	abstract String booleanTrue();

}
