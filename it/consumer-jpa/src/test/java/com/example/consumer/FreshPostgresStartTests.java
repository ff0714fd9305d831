package com.example.consumer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class FreshPostgresStartTests extends FreshDatabaseStartTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("webui.database.url", FreshDatabases::postgresql);
	}

	@Override
	String booleanTrue() {
		return "true";
	}

}
