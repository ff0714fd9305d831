package com.example.consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.webuimigrations.test.WebuiTestDatabase;
import io.github.webuimigrations.test.WebuiTestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open-webui database that exists already (at head, no history of the application's own
 * Flyway): the application's Flyway starts its history at 0 and applies its V1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ExistingDatabaseStartTests {

	static final WebuiTestDatabase database = WebuiTestDatabases.sqlite();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("webui.database.url", database::url);
	}

	@AfterAll
	static void remove() {
		database.close();
	}

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theApplicationsFlywayJoinsAnExistingOpenWebuiDatabase() {
		assertThat(this.jdbc.queryForList("SELECT version FROM flyway_schema_history ORDER BY installed_rank",
				String.class)).containsExactly("0", "1");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM app_note", Integer.class)).isZero();
	}

}
