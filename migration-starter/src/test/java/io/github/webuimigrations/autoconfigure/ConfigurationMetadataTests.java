package io.github.webuimigrations.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import io.github.webuimigrations.command.MigrationCommand;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.orchestration.AheadPolicy;
import io.github.webuimigrations.orchestration.MigratorConfiguration;
import io.github.webuimigrations.orchestration.StartupFlow;
import io.github.webuimigrations.orchestration.StartupMode;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for the starter's properties: every one has its default, the defaults are
 * the ones the code uses, and the hints name real values.
 *
 * @author webui-migrations
 */
class ConfigurationMetadataTests {

	/** Properties that have no default: where the database is, and what only a command uses. */
	private static final Set<String> NO_DEFAULT = Set.of("webui.database.host", "webui.database.name",
			"webui.database.password", "webui.database.port", "webui.database.schema", "webui.database.type",
			"webui.database.url", "webui.database.user", "webui.database.pool.size", "webui.migrations.backup-directory",
			"webui.migrations.command", "webui.migrations.target", "webui.migrations.restore-from",
			"webui.migrations.database-url");

	private final JsonNode metadata = read();

	@Test
	void everyPropertyHasItsDefault() {
		for (JsonNode property : this.metadata.get("properties")) {
			String name = property.get("name").asText();
			if (!NO_DEFAULT.contains(name)) {
				assertThat(property.has("defaultValue")).as(name).isTrue();
			}
			assertThat(property.path("description").asText()).as(name).isNotBlank();
		}
	}

	@Test
	void theDefaultsAreTheOnesTheCodeUses() {
		Map<String, JsonNode> defaults = defaults();
		assertThat(defaults.get("webui.migrations.backup-keep").asInt()).isEqualTo(MigratorConfiguration.DEFAULT_BACKUP_KEEP);
		assertThat(defaults.get("webui.migrations.page-size").asInt()).isEqualTo(RevisionOperations.DEFAULT_PAGE_SIZE);
		assertThat(defaults.get("webui.migrations.legacy-history-table").asText()).isEqualTo(LegacyTier.DEFAULT_HISTORY_TABLE);
		Duration lockTimeout = DurationStyle.detectAndParse(defaults.get("webui.migrations.lock-timeout").asText());
		assertThat(lockTimeout).isEqualTo(MigratorConfiguration.DEFAULT_LOCK_TIMEOUT);
		assertThat(defaults.get("management.health.migrations.enabled").asBoolean()).isTrue();
		MigrationsProperties properties = new MigrationsProperties();
		assertThat(properties.getBackupKeep()).isEqualTo(MigratorConfiguration.DEFAULT_BACKUP_KEEP);
		assertThat(properties.getPageSize()).isEqualTo(RevisionOperations.DEFAULT_PAGE_SIZE);
	}

	@Test
	void theHintsNameEveryValueOfTheirSetting() {
		assertThat(hints("webui.migrations.mode")).containsExactlyInAnyOrderElementsOf(names(StartupMode.values()));
		assertThat(hints("webui.migrations.ahead")).containsExactlyInAnyOrderElementsOf(names(AheadPolicy.values()));
		assertThat(hints("webui.migrations.startup-flow")).containsExactlyInAnyOrderElementsOf(names(StartupFlow.values()));
		assertThat(hints("webui.migrations.command"))
			.containsExactlyInAnyOrderElementsOf(names(MigrationCommand.Kind.values()));
		assertThat(hints("webui.migrations.backup")).containsExactly("on", "off");
		assertThat(hints("webui.migrations.target")).contains("head", "base");
	}

	private Map<String, JsonNode> defaults() {
		Map<String, JsonNode> defaults = new HashMap<>();
		this.metadata.get("properties").forEach((property) -> {
			if (property.has("defaultValue")) {
				defaults.put(property.get("name").asText(), property.get("defaultValue"));
			}
		});
		return defaults;
	}

	private List<String> hints(String name) {
		for (JsonNode hint : this.metadata.get("hints")) {
			if (hint.get("name").asText().equals(name)) {
				return hint.get("values").findValuesAsText("value");
			}
		}
		throw new AssertionError("no hints for " + name);
	}

	private static List<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map((value) -> value.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
	}

	private static JsonNode read() {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return new ObjectMapper().readTree(in);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
