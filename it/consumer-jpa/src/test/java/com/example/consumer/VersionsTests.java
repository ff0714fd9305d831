package com.example.consumer;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a user on spring-boot-starter-parent resolves with the starter and nothing pinned: no
 * Liquibase of their own (the starter carries 4.33, relocated), and the drivers Spring Boot
 * manages, which the starter's start-up check counts as tested (this project is where).
 */
class VersionsTests {

	@Test
	void theDependencyTreeAUserSees() throws Exception {
		String tree = Files.readString(Path.of("target/dependency-tree.txt"));
		assertThat(tree).contains("io.github.webuimigrations:migration-starter:jar:")
			.doesNotContain("org.liquibase:liquibase-core")
			.contains("org.xerial:sqlite-jdbc:jar:3.50.3.0:compile")
			.contains("org.postgresql:postgresql:jar:42.7.11:compile")
			.contains("org.flywaydb:flyway-core:jar:11.14.1:compile");
	}

	@Test
	void liquibaseIsTheStartersOwnInsideItsJar() throws Exception {
		assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> Class.forName("liquibase.Liquibase"));
		Class<?> util = Class.forName("io.github.webuimigrations.shaded.liquibase.util.LiquibaseUtil");
		assertThat(util.getMethod("getBuildVersion").invoke(null)).isEqualTo("4.33.0");
	}

}
