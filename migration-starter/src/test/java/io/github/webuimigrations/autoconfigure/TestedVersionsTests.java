package io.github.webuimigrations.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The versions this suite runs on are the ones the start-up check calls tested.
 *
 * @author webui-migrations
 */
class TestedVersionsTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void theLibrariesThisSuiteRunsOnAreTested() {
		assertThat(TestedVersions.differences(this.classLoader)).isEmpty();
		assertThat(version("org.xerial")).isEqualTo(tested("org.xerial").get(0));
		assertThat(version("org.postgresql")).isEqualTo(tested("org.postgresql").get(0));
		assertThat(version("org.flywaydb")).isEqualTo(tested("org.flywaydb").get(0));
	}

	@Test
	void anotherVersionIsOneLineNamingThePropertyThatPinsIt() {
		TestedVersions.Library sqlite = library("org.xerial");
		assertThat(sqlite.difference("3.46.1.0")).isEqualTo("org.xerial:sqlite-jdbc 3.46.1.0 is on the class path; "
				+ "webui-migrations is tested with 3.54.1.0 and 3.50.3.0: pin it with the Maven property "
				+ "sqlite-jdbc.version (Gradle: ext['sqlite-jdbc.version']) = 3.54.1.0");
		assertThat(library("io.github.willena").difference("3.39.0.0")).endsWith("pin it in your dependencyManagement = 3.40.1.0");
	}

	@Test
	void aLibraryNotOnTheClassPathIsNotReported() {
		// the plain driver is here, so the SQLCipher one (same package, another class) is absent
		assertThat(library("io.github.willena").version(this.classLoader)).isNull();
	}

	private String version(String group) {
		return library(group).version(this.classLoader);
	}

	private List<String> tested(String group) {
		return library(group).tested();
	}

	private static TestedVersions.Library library(String group) {
		return TestedVersions.LIBRARIES.stream().filter((library) -> library.group().equals(group)).findFirst().orElseThrow();
	}

}
