package com.example.consumer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class FreshSqliteStartTests extends FreshDatabaseStartTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("webui.database.url", FreshDatabases::sqlite);
	}

	@Override
	String booleanTrue() {
		return "1";
	}

}
