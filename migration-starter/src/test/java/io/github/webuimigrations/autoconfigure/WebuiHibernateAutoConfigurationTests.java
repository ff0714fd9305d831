package io.github.webuimigrations.autoconfigure;

import java.nio.file.Path;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.webuimigrations.jpa.OpenWebuiSqliteDialect;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JPA on SQLite gets the dialect that validates open-webui's SQLite schema; PostgreSQL and an
 * application's own dialect are left alone.
 *
 * @author webui-migrations
 */
class WebuiHibernateAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebuiDataSourceAutoConfiguration.class,
				WebuiHibernateAutoConfiguration.class));

	@Test
	void sqliteGetsTheDialectUnlessTheApplicationNamesOne() {
		this.runner.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/webui.db").run((context) -> {
			HibernatePropertiesCustomizer customizer = context.getBean(HibernatePropertiesCustomizer.class);
			assertThat(customized(customizer, Map.of())).containsEntry("hibernate.dialect",
					OpenWebuiSqliteDialect.class.getName());
			assertThat(customized(customizer, Map.of("hibernate.dialect", "com.example.Mine")))
				.containsEntry("hibernate.dialect", "com.example.Mine");
		});
	}

	@Test
	void postgresqlKeepsHibernatesChoice() {
		this.runner.withPropertyValues("webui.database.url=postgresql://postgres@127.0.0.1:5432/x").run((context) -> {
			HibernatePropertiesCustomizer customizer = context.getBean(HibernatePropertiesCustomizer.class);
			assertThat(customized(customizer, Map.of())).doesNotContainKey("hibernate.dialect");
		});
	}

	@Test
	void sqliteIntegersAreOneTypeAndSoAreItsTexts() {
		OpenWebuiSqliteDialect dialect = new OpenWebuiSqliteDialect();
		assertThat(dialect.equivalentTypes(Types.INTEGER, Types.BIGINT)).isTrue();
		assertThat(dialect.equivalentTypes(Types.BOOLEAN, Types.INTEGER)).isTrue();
		assertThat(dialect.equivalentTypes(Types.VARCHAR, SqlTypes.JSON)).isTrue();
		assertThat(dialect.equivalentTypes(Types.INTEGER, Types.VARCHAR)).isFalse();
		assertThat(dialect.equivalentTypes(Types.BLOB, Types.VARCHAR)).isFalse();
	}

	private static Map<String, Object> customized(HibernatePropertiesCustomizer customizer, Map<String, Object> given) {
		Map<String, Object> properties = new HashMap<>(given);
		customizer.customize(properties);
		return properties;
	}

}
