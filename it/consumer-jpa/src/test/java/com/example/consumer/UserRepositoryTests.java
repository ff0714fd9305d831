package com.example.consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A JPA slice on an empty SQLite file: the starter is part of the slice and migrates it first. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class UserRepositoryTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("webui.database.url", FreshDatabases::sqlite);
	}

	@Autowired
	UserRepository users;

	@Test
	void savesAndFindsUsersInOpenWebuisTable() {
		this.users.save(new User("u1", "Ada", "ada@example.com", "admin", 1_700_000_000L));
		assertThat(this.users.findByEmail("ada@example.com")).get().extracting(User::getRole).isEqualTo("admin");
	}

}
