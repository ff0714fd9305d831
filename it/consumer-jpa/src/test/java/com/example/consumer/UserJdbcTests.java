package com.example.consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A JDBC slice on an empty PostgreSQL database: migrated before the test's JdbcTemplate reads it. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class UserJdbcTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("webui.database.url", FreshDatabases::postgresql);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void readsOpenWebuisTables() {
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM \"user\"", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT version_num FROM alembic_version", String.class))
			.isEqualTo("d4c1a8e37b62");
	}

}
