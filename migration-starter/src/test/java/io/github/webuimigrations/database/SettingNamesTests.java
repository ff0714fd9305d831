package io.github.webuimigrations.database;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A message names a setting as the user set it: open-webui's variable, the starter's
 * variable, the property in a file with its line, a command-line argument.
 */
class SettingNamesTests {

	@TempDir
	Path directory;

	@Test
	void aVariableIsNamedAsWritten() {
		StandardEnvironment environment = environment(Map.of("DATABASE_URL", "sqlite:///x.db", "WEBUI_DATABASE_POOL_SIZE",
				"3"));
		SettingNames names = SettingNames.of(environment);
		assertThat(names.of("DATABASE_URL")).isEqualTo("DATABASE_URL");
		assertThat(names.of("DATABASE_POOL_SIZE")).isEqualTo("WEBUI_DATABASE_POOL_SIZE");
		// not set: open-webui's name
		assertThat(names.of("DATA_DIR")).isEqualTo("DATA_DIR");
	}

	@Test
	void aPropertyInAFileIsNamedWithTheFileAndLine() throws Exception {
		StandardEnvironment environment = environment(Map.of());
		environment.getPropertySources()
			.addLast(new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("settings/bad-url.yml"))
				.get(0));
		SettingNames names = SettingNames.of(environment);
		assertThat(names.of("DATABASE_URL"))
			.isEqualTo("webui.database.url (class path resource [settings/bad-url.yml], line 3)");
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl(environment.getProperty("webui.database.url"));
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionTargets.resolve(properties, names))
			.withMessage("webui.database.url (class path resource [settings/bad-url.yml], line 3): the directory "
					+ "/no/such/directory of the SQLite database does not exist");
	}

	@Test
	void aCommandLineArgumentIsNamedAsOne() {
		StandardEnvironment environment = environment(Map.of("DATABASE_URL", "sqlite:///from-env.db"));
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--webui.database.url=sqlite:///from-args.db"));
		assertThat(SettingNames.of(environment).of("DATABASE_URL")).isEqualTo("--webui.database.url");
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		SpringApplication application = new SpringApplication();
		new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(environment, application);
		new OpenWebuiEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment, application);
		return environment;
	}

}
