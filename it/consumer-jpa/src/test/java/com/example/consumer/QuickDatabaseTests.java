package com.example.consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.webuimigrations.test.WebuiTestDatabase;
import io.github.webuimigrations.test.WebuiTestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's example: a copy of a database migrated once per run, here on PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class QuickDatabaseTests {

	static final WebuiTestDatabase database = WebuiTestDatabases.postgresql();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("webui.database.url", database::url);
	}

	@AfterAll
	static void remove() {
		database.close();
	}

	@Autowired
	UserRepository users;

	@Test
	void startsOnAFreshCopy() {
		this.users.save(new User("u1", "Ada", "ada@example.com", "admin", 1_700_000_000L));
		assertThat(this.users.count()).isOne();
	}

}
